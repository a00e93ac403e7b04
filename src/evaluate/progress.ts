/**
 * Progress of a run on stderr: on a TTY a cli-progress bar redrawn in place with rate, ETA and the live
 * pass@1 of each scenario; otherwise (CI logs, files) one plain line every `PLAIN_INTERVAL_MS` and a final
 * line, so logs stay readable. Live pass@1 is passed / graded samples so far (the report computes the exact
 * per-problem metric).
 */
import cliProgress from 'cli-progress';
import type { JournalRow } from '../contracts/journal.ts';
import type { LcbScenario } from '../contracts/lcb-problem.ts';

/** how often a non-TTY run prints a progress line */
export const PLAIN_INTERVAL_MS = 10_000;

const SHORT: Readonly<Record<LcbScenario, string>> = {
  codegeneration: 'gen',
  selfrepair: 'repair',
  testoutputprediction: 'testpred',
  codeexecution: 'exec',
};

/** Counts per scenario. */
interface Tally {
  graded: number;
  passed: number;
  errors: number;
}

/** What a progress display is told. */
export interface Progress {
  /** a sample was journaled in this session */
  row(row: JournalRow): void;
  /** stop redrawing and print the final state */
  stop(): void;
}

/** Where and how to show progress. */
export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** samples planned per scenario (for the shard) */
  totals: ReadonlyMap<LcbScenario, number>;
  /** samples already in the journal per scenario (resume) */
  already: ReadonlyMap<LcbScenario, Tally>;
  intervalMs?: number;
  now?: () => number;
  /** force plain lines even on a TTY */
  plain?: boolean;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** Build the progress display for a run. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const tallies = new Map<LcbScenario, Tally>();
  for (const scenario of options.totals.keys()) {
    const before = options.already.get(scenario);
    tallies.set(scenario, {
      graded: before?.graded ?? 0,
      passed: before?.passed ?? 0,
      errors: before?.errors ?? 0,
    });
  }
  const total = [...options.totals.values()].reduce((a, b) => a + b, 0);
  const startDone = [...tallies.values()].reduce((a, t) => a + t.graded + t.errors, 0);
  let done = startDone;
  const started = now();

  const scenarioText = (): string =>
    [...tallies]
      .map(
        ([scenario, t]) =>
          `${SHORT[scenario]} pass@1 ${pct(t.passed, t.graded)}${t.errors > 0 ? ` (${t.errors} errors)` : ''}`,
      )
      .join(' | ');
  const rate = (): number => (done - startDone) / Math.max(1e-3, (now() - started) / 1000);

  if (options.stream.isTTY === true && options.plain !== true) {
    const bar = new cliProgress.SingleBar(
      {
        stream: options.stream as NodeJS.WriteStream,
        format:
          'evaluate [{bar}] {value}/{total} samples {percentage}% | {speed}/s | ETA {eta_formatted} | {scenarios}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, { speed: '0.0', scenarios: scenarioText() });
    return {
      row(row) {
        record(tallies, row);
        done += 1;
        bar.update(done, { speed: rate().toFixed(1), scenarios: scenarioText() });
      },
      stop() {
        bar.stop();
      },
    };
  }

  const line = (final: boolean): void => {
    const left = total - done;
    const eta = left === 0 ? 0 : left / rate();
    const head = `hrm-lcb evaluate: ${done}/${total} samples (${pct(done, total)}) ${rate().toFixed(1)}/s`;
    const tail = final ? 'done' : `ETA ${duration(eta)}`;
    options.stream.write(`${head} ${tail} | ${scenarioText()}\n`);
  };
  if (startDone > 0)
    options.stream.write(
      `hrm-lcb evaluate: resuming, ${startDone} of ${total} samples already in the journal\n`,
    );
  const timer = setInterval(() => line(false), options.intervalMs ?? PLAIN_INTERVAL_MS);
  timer.unref();
  return {
    row(row) {
      record(tallies, row);
      done += 1;
    },
    stop() {
      clearInterval(timer);
      line(done >= total);
    },
  };
}

function record(tallies: Map<LcbScenario, Tally>, row: JournalRow): void {
  const tally = tallies.get(row.scenario);
  if (tally === undefined) return;
  if (row.status === 'error') tally.errors += 1;
  else {
    tally.graded += 1;
    if (row.passed) tally.passed += 1;
  }
}
