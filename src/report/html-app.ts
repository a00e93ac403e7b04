/**
 * The browser side of the HTML report, as source text inlined into the page. It reads the run data from the
 * `#run-data` JSON block and builds the page with DOM calls only (`textContent`, never `innerHTML` with
 * data), so model output cannot inject markup. uPlot (inlined beside it) draws the charts.
 */

/** Stylesheet of the report (uPlot's own CSS is inlined separately). */
export const REPORT_CSS = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#dde2ea; --pass:#1a7f37; --fail:#c62828; --err:#b26a00; --bg:#fafbfc; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header { padding: 16px 24px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0 0 6px; }
#meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; color: var(--muted); font-size: 13px; }
#meta dt { font-weight: 600; } #meta dd { margin: 0; }
main { padding: 16px 24px; }
section.scenario { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 20px; padding: 12px 16px; }
section h2 { font-size: 16px; margin: 4px 0 10px; } section h3 { font-size: 14px; margin: 14px 0 6px; }
.tables { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-weight: 600; }
table.problems td:nth-child(2), table.problems th:nth-child(2) { text-align: left; }
tr.problem { cursor: pointer; } tr.problem:hover { background: #eef3fb; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 20px; }
.filter { margin: 6px 0; } .filter input { padding: 3px 6px; width: 260px; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .error { color: var(--err); }
#drilldown { position: fixed; top: 0; right: 0; width: min(900px, 70vw); height: 100vh; overflow: auto; background: #fff; border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0,0,0,.08); padding: 16px 20px; display: none; }
#drilldown.open { display: block; }
#drilldown .close { float: right; cursor: pointer; border: 1px solid var(--line); background: #fff; padding: 2px 8px; }
pre { background: #f4f6f9; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; font-size: 12px; }
.sample { border-top: 1px solid var(--line); margin-top: 12px; padding-top: 8px; }
.note { color: var(--muted); font-size: 12px; }
`;

/** The page script. */
export const REPORT_APP_JS = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('run-data').textContent);
  var NAMES = { codegeneration: 'Code generation', selfrepair: 'Self-repair', testoutputprediction: 'Test output prediction', codeexecution: 'Code execution' };
  var COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df'];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var key in attrs) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'cls') node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function pct(v) { return v === undefined || v === null ? '-' : (100 * v).toFixed(1) + '%'; }
  function kCols(slices) {
    var ks = {};
    slices.forEach(function (s) { Object.keys(s.passAt).forEach(function (k) { ks[Number(k.slice(5))] = true; }); });
    return Object.keys(ks).map(Number).sort(function (a, b) { return a - b; }).slice(0, 4).map(function (k) { return 'pass@' + k; });
  }
  function scoreTable(title, slices, kind) {
    var ks = kCols(slices);
    var head = el('tr', null, [el('th', { text: title })].concat(['problems', 'samples'].concat(ks, ['errors']).map(function (h) { return el('th', { text: h }); })));
    var rows = slices.map(function (s) {
      return el('tr', { 'data-slice': s.label }, [el('td', { text: s.label }), el('td', { text: String(s.problems) }), el('td', { text: String(s.samples) })]
        .concat(ks.map(function (k) { return el('td', { text: pct(s.passAt[k]) }); }), [el('td', { text: String(s.errors) })]));
    });
    return el('table', { cls: 'scores', 'data-kind': kind }, [el('thead', null, [head]), el('tbody', null, rows)]);
  }

  // header
  var meta = document.getElementById('meta');
  data.meta.forEach(function (pair) { meta.appendChild(el('dt', { text: pair[0] })); meta.appendChild(el('dd', { text: pair[1] })); });

  // charts
  var charts = document.getElementById('charts');
  function lineChart(id, title, xs, series, xLabel, xNames) {
    var box = el('div', { id: id }, [el('h3', { text: title })]);
    charts.appendChild(box);
    if (typeof uPlot === 'undefined' || xs.length === 0) { box.appendChild(el('p', { cls: 'note', text: 'no data' })); return; }
    var opts = {
      width: 460, height: 260,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        { label: xLabel, incrs: [1, 2, 3, 5, 6, 10, 12, 20, 50, 100, 200, 500, 1000],
          values: function (u, splits) { return splits.map(function (v) { return xNames ? (xNames[v - 1] || '') : String(v); }); } },
        { label: '%' },
      ],
      series: [{ label: xLabel }].concat(series.map(function (s, i) { return { label: s.label, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true, size: 5 } }; })),
    };
    new uPlot(opts, [xs].concat(series.map(function (s) { return s.values; })), box);
  }
  var maxK = 0;
  data.summary.scenarios.forEach(function (s) { maxK = Math.max(maxK, s.curve.length); });
  var ks = []; for (var k = 1; k <= maxK; k++) ks.push(k);
  lineChart('chart-passk', 'pass@k', ks, data.summary.scenarios.map(function (s) {
    return { label: NAMES[s.scenario], values: ks.map(function (k) { return s.curve[k - 1] ? 100 * s.curve[k - 1].value : null; }) };
  }), 'k');
  var months = {};
  data.summary.scenarios.forEach(function (s) { s.byMonth.forEach(function (m) { months[m.label] = true; }); });
  var monthList = Object.keys(months).sort();
  lineChart('chart-months', 'pass@1 by contest month', monthList.map(function (_, i) { return i + 1; }), data.summary.scenarios.map(function (s) {
    var by = {}; s.byMonth.forEach(function (m) { by[m.label] = m.passAt['pass@1']; });
    return { label: NAMES[s.scenario], values: monthList.map(function (m) { return by[m] === undefined ? null : 100 * by[m]; }) };
  }), 'contest month', monthList);

  // scenario sections
  var main = document.getElementById('scenarios');
  data.summary.scenarios.forEach(function (s) {
    var section = el('section', { cls: 'scenario', 'data-scenario': s.scenario }, [el('h2', { text: NAMES[s.scenario] + ' (' + s.planned + ' problems)' })]);
    var tables = el('div', { cls: 'tables' }, [scoreTable('overall', [s.overall], 'overall'), scoreTable('difficulty', s.byDifficulty, 'difficulty')]);
    if (s.byPlatform.length > 0) tables.appendChild(scoreTable('platform', s.byPlatform, 'platform'));
    tables.appendChild(scoreTable('month', s.byMonth, 'month'));
    section.appendChild(tables);
    section.appendChild(el('h3', { text: 'Problems' }));
    var input = el('input', { type: 'search', placeholder: 'filter by id, title, difficulty…' });
    section.appendChild(el('div', { cls: 'filter' }, [input]));
    var body = el('tbody');
    var problems = data.problems.filter(function (p) { return p.scenario === s.scenario; });
    problems.forEach(function (p) {
      var cls = p.n === 0 ? 'error' : p.c === p.n ? 'pass' : p.c === 0 ? 'fail' : '';
      var tr = el('tr', { cls: 'problem', 'data-id': p.id }, [
        el('td', { text: p.id }), el('td', { text: p.title }), el('td', { text: p.difficulty || '-' }), el('td', { text: p.date || '-' }),
        el('td', { cls: cls, text: p.c + '/' + p.n }), el('td', { text: p.n > 0 ? pct(p.c / p.n) : '-' }), el('td', { text: String(p.errors) }),
      ]);
      tr.addEventListener('click', function () { openProblem(p); });
      body.appendChild(tr);
    });
    input.addEventListener('input', function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(body.children, function (tr, i) {
        var p = problems[i];
        tr.style.display = (p.id + ' ' + p.title + ' ' + (p.difficulty || '')).toLowerCase().indexOf(q) >= 0 ? '' : 'none';
      });
    });
    var head = el('tr', null, ['id', 'title', 'difficulty', 'date', 'correct', 'pass@1', 'errors'].map(function (h) { return el('th', { text: h }); }));
    section.appendChild(el('table', { cls: 'problems' }, [el('thead', null, [head]), body]));
    main.appendChild(section);
  });

  // drill-down
  var panel = document.getElementById('drilldown');
  function pre(label, text) { return el('div', null, [el('h4', { text: label }), el('pre', { text: text === '' ? '(empty)' : text })]); }
  function openProblem(p) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var close = el('button', { cls: 'close', text: 'close' });
    close.addEventListener('click', function () { panel.classList.remove('open'); });
    panel.appendChild(close);
    panel.appendChild(el('h2', { text: NAMES[p.scenario] + ': ' + p.id + ' — ' + p.title }));
    panel.appendChild(el('p', { cls: 'note', text: [p.difficulty, p.platform, p.date, p.c + '/' + p.n + ' correct', p.errors + ' errors'].filter(Boolean).join(' · ') }));
    panel.appendChild(pre('Prompt', p.prompt));
    if (p.omitted > 0) panel.appendChild(el('p', { cls: 'note', text: p.omitted + ' more samples are in journal.jsonl' }));
    p.samples.forEach(function (s) {
      var verdict = s.status === 'error' ? 'infrastructure error: ' + s.error : s.skipped ? 'skipped (prediction contains the call)' : s.passed ? 'passed' : 'failed';
      var box = el('div', { cls: 'sample', 'data-sample': String(s.sample) }, [
        el('h3', { cls: s.status === 'error' ? 'error' : s.passed ? 'pass' : 'fail', text: 'Sample ' + s.sample + ': ' + verdict }),
        el('p', { cls: 'note', text: 'generation ' + Math.round(s.generate_ms) + ' ms' + (s.cached ? ' (cached)' : '') + ' · grading ' + Math.round(s.grade_ms) + ' ms · results ' + JSON.stringify(s.results) }),
      ]);
      if (s.prompt) box.appendChild(pre('Prompt of this sample', s.prompt));
      if (s.tests.length > 0) {
        var rows = s.tests.map(function (t, i) {
          var ok = t.result === true || (typeof t.result === 'number' && t.result > 0);
          var cells = [el('td', { text: 'test ' + (i + 1) }), el('td', { cls: ok ? 'pass' : 'fail', text: JSON.stringify(t.result) })];
          if (t.wall_ms !== null) cells.push(el('td', { text: Math.round(t.wall_ms) + ' ms' }));
          if (t.cpu_ms !== null) cells.push(el('td', { text: Math.round(t.cpu_ms) + ' ms cpu' }));
          return el('tr', null, cells);
        });
        box.appendChild(el('table', { cls: 'tests' }, [el('tbody', null, rows)]));
      }
      box.appendChild(pre('Raw output', s.output));
      box.appendChild(pre('Extracted', s.extracted));
      if (s.metadata) box.appendChild(pre('Grader metadata', s.metadata));
      if (s.stderr) box.appendChild(pre('stderr', s.stderr));
      panel.appendChild(box);
    });
    panel.classList.add('open');
    panel.scrollTop = 0;
  }
})();
`;
