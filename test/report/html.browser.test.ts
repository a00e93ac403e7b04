import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const HOSTILE = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

describe('report.html in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-html-'));
  const run = join(work, 'run');
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let summary: { scenarios: { scenario: string; overall: { passAt: Record<string, number> } }[] };

  before(async () => {
    // a replay that is right on even problems, wrong on odd ones, and hostile markup in one output
    const refs = readJsonl<{ question_id: string; solution: string; wrong_solution: string }>(
      join(REPO_ROOT, 'data', 'sample', 'references', 'code_generation.jsonl'),
    );
    const rows = refs.map((ref, i) => ({
      scenario: 'codegeneration',
      problem_id: ref.question_id,
      outputs: [0, 1].map((s) =>
        ref.question_id === 'abc901_a' && s === 1
          ? `${HOSTILE}\n\`\`\`python\n${ref.solution}\n\`\`\``
          : `\`\`\`python\n${(i + s) % 2 === 0 ? ref.solution : ref.wrong_solution}\n\`\`\``,
      ),
    }));
    const replay = join(work, 'replay.jsonl');
    writeFileSync(replay, rows.map((row) => JSON.stringify(row)).join('\n'));
    const result = await runHrmLcb([
      'evaluate',
      '--model-path',
      `replay:${replay}`,
      '--n',
      '2',
      '--output-dir',
      run,
      '--sandbox-slots',
      '2',
      '--progress',
      'plain',
      '--reporter',
      'json,html',
    ]);
    assert.equal(result.code, 0, result.stderr);
    summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pathToFileURL(join(run, 'report.html')).href);
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the run settings and the overall, difficulty and month tables with the run scores', async () => {
    const meta = (await page.locator('#meta').textContent()) ?? '';
    assert.match(meta, /replay:/);
    assert.match(meta, /fingerprint[0-9a-f]{64}created/);
    const section = page.locator('section.scenario[data-scenario="codegeneration"]');
    const pass1 = `${(100 * summary.scenarios[0]!.overall.passAt['pass@1']!).toFixed(1)}%`;
    const overall = await section.locator('table.scores[data-kind="overall"] tbody tr td').allTextContents();
    assert.deepEqual(overall.slice(0, 4), ['all', '45', '90', pass1]);
    const difficulties = await section
      .locator('table.scores[data-kind="difficulty"] tbody tr td:first-child')
      .allTextContents();
    assert.deepEqual(difficulties, ['easy', 'medium', 'hard']);
    const months = await section
      .locator('table.scores[data-kind="month"] tbody tr td:first-child')
      .allTextContents();
    assert.ok(months.length >= 6 && months.every((m) => /^\d{4}-\d{2}$/.test(m)), months.join(','));
    assert.equal(await section.locator('tr.problem').count(), 45);
  });

  it('draws the pass@k chart', async () => {
    assert.equal(await page.locator('#chart-passk canvas').count(), 1);
    assert.match((await page.locator('#chart-passk .u-legend').textContent()) ?? '', /Code generation/);
    const size = await page.locator('#chart-passk canvas').boundingBox();
    assert.ok(size !== null && size.width > 100 && size.height > 100);
  });

  it('opens a problem: prompt, raw output, extracted code, per-test verdicts, without running model markup', async () => {
    await page.locator('tr.problem[data-id="abc901_a"]').click();
    const panel = page.locator('#drilldown');
    assert.equal(await panel.evaluate((node) => node.classList.contains('open')), true);
    const text = (await panel.textContent()) ?? '';
    assert.match(text, /abc901_a/);
    assert.match(text, /### Question:/);
    assert.match(text, /Raw output/);
    assert.match(text, /Extracted/);
    assert.ok(text.includes(HOSTILE), 'the hostile output is shown as text');
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
    const samples = await panel.locator('.sample h3').allTextContents();
    assert.equal(samples.length, 2);
    assert.ok(
      samples.some((s) => /passed/.test(s)) && samples.some((s) => /failed/.test(s)),
      samples.join(' | '),
    );
    assert.ok((await panel.locator('table.tests tr').count()) >= 1);
    assert.deepEqual(errors, []);
  });
});
