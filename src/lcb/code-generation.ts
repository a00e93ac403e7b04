/**
 * Loader for `code_generation_lite` (release files per version tag) and the un-pruned `code_generation`
 * set. One streaming pass parses every row's metadata and remembers where the row lies; filters apply,
 * then LCB's sort by `question_id`. Tests (almost all of the 0.1–1.25 GB per file) are decoded only when a
 * problem is fetched, so memory holds metadata plus one problem at a time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeGenerationMeta, CodeGenerationProblem } from '../contracts/lcb-problem.ts';
import { InputError } from '../core/errors.ts';
import type { FilterView } from './filters.ts';
import { selectProblems } from './filters.ts';
import { LineFetcher, type LineLocation, readLocatedLines } from './line-reader.ts';
import { compareCodePoints, filterOf, type LoadOptions, type LoadReport, parseRow } from './load-options.ts';
import { type DatasetLayout, resolveDataset } from './location.ts';
import { parseCodeGenerationMeta, withTests } from './parse-code-generation.ts';
import { parseJsonLine } from './rows.ts';
import { releaseFiles } from './versions.ts';

/** Options of the code-generation loader. */
export interface CodeGenerationLoadOptions extends LoadOptions {
  /** read the un-pruned `code_generation/test.jsonl` (LCB `--not_fast`); `release_version` does not apply */
  notFast?: boolean;
  /**
   * decode every row's tests during the scan (and drop them), so undecodable tests are found before any
   * problem is used: an error, or under `skipInvalid` a skipped row. Costs a full decode pass.
   */
  checkTests?: boolean;
}

/** The filter's view of a code-generation problem. */
export function codeGenerationView(problem: CodeGenerationMeta): FilterView {
  return {
    ids: [problem.question_id],
    key: problem.question_id,
    contest_date_us: problem.contest_date_us,
    platform: problem.platform,
    difficulty: problem.difficulty,
    errata: problem.errata,
  };
}

function sourceKey(meta: CodeGenerationMeta): string {
  return `${meta.source.line}\u0000${meta.source.file}`;
}

/**
 * Selected code-generation problems in LCB order. `problems` holds their metadata; `load` (or iterating the
 * set) reads and decodes the tests of one problem at a time. Call `close` when done iterating by hand.
 */
export class CodeGenerationSet implements LoadReport {
  private readonly fetcher = new LineFetcher();

  constructor(
    readonly problems: CodeGenerationMeta[],
    private readonly locations: ReadonlyMap<string, LineLocation>,
    readonly files: string[],
    readonly rows: number,
    readonly invalid: InputError[],
    readonly unmatched_question_ids: string[],
    private readonly skipInvalid = false,
  ) {}

  /** The problem with its decoded tests (an `InputError` naming file, line and field if they do not decode). */
  async load(meta: CodeGenerationMeta): Promise<CodeGenerationProblem> {
    const location = this.locations.get(sourceKey(meta));
    if (location === undefined) throw new Error(`problem ${meta.question_id} is not part of this set`);
    const text = await this.fetcher.fetch(location);
    return withTests(meta, parseJsonLine(text, meta.source));
  }

  /**
   * Every problem with its tests, in order, one in memory at a time. Under `skipInvalid`, a problem whose
   * tests do not decode is skipped and added to `invalid` (open with `checkTests` to find those up front).
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<CodeGenerationProblem> {
    try {
      for (const meta of this.problems) {
        const problem = await parseRow({ skipInvalid: this.skipInvalid }, this.invalid, () =>
          this.load(meta),
        );
        if (problem !== undefined) yield problem;
      }
    } finally {
      await this.close();
    }
  }

  /** All problems with tests in one array (fine for the sample; the real files decode to many GB). */
  async loadAll(): Promise<CodeGenerationProblem[]> {
    const all: CodeGenerationProblem[] = [];
    for await (const problem of this) all.push(problem);
    return all;
  }

  /** Release the open file handles. */
  close(): Promise<void> {
    return this.fetcher.close();
  }
}

/** The release files a load reads, checked to exist; an `InputError` names the first missing one. */
function codeGenerationFiles(layout: DatasetLayout, releaseVersion: string, notFast: boolean): string[] {
  const dir = notFast ? layout.codeGeneration : layout.codeGenerationLite;
  const folder = notFast ? 'code_generation' : 'code_generation_lite';
  if (dir === null) {
    throw new InputError(layout.label, `has no ${folder} data`, {
      hint: `expected ${join(layout.label, folder, 'test.jsonl')}; docs/data.md shows how to download it`,
    });
  }
  const names = notFast ? ['test.jsonl'] : (releaseFiles(releaseVersion) ?? []);
  const files = names.map((name) => join(dir, name));
  const missing = files.find((file) => !existsSync(file));
  if (missing !== undefined) {
    const why = notFast
      ? 'the un-pruned set'
      : `--release-version ${releaseVersion} reads ${names.join(', ')}`;
    throw new InputError(missing, `missing: ${why}`, {
      hint: 'download the release files (docs/data.md) or pick an older --release-version',
    });
  }
  return files;
}

/** Stream the rows of one release file as metadata, with each row's location (file order, no sort). */
async function* readCodeGenerationMetas(
  file: string,
  options: CodeGenerationLoadOptions,
  invalid: InputError[],
): AsyncGenerator<{ meta: CodeGenerationMeta; location: LineLocation }> {
  for await (const { line, offset, byteLength, text } of readLocatedLines(file)) {
    if (text.trim() === '') continue;
    const where = { file, line };
    const meta = parseRow(options, invalid, () => {
      const row = parseJsonLine(text, where);
      const parsed = parseCodeGenerationMeta(row, where);
      if (options.checkTests === true) withTests(parsed, row);
      return parsed;
    });
    if (meta !== undefined) yield { meta, location: { file, line, offset, byteLength } };
  }
}

/**
 * Open the code-generation problems at a dataset location (`sample` or a directory), filtered and sorted
 * by `question_id` as LCB does. Reads metadata only; tests are decoded by `load` or iteration.
 */
export async function openCodeGeneration(
  location: string | DatasetLayout,
  options: CodeGenerationLoadOptions = {},
): Promise<CodeGenerationSet> {
  const layout = typeof location === 'string' ? resolveDataset(location) : location;
  const filter = filterOf(options);
  const files = codeGenerationFiles(layout, filter.release_version, options.notFast === true);
  const metas: CodeGenerationMeta[] = [];
  const locations = new Map<string, LineLocation>();
  const invalid: InputError[] = [];
  for (const file of files) {
    for await (const { meta, location: where } of readCodeGenerationMetas(file, options, invalid)) {
      metas.push(meta);
      locations.set(sourceKey(meta), where);
    }
  }
  const rows = metas.length + invalid.length;
  const selection = selectProblems(metas, filter, codeGenerationView);
  // LCB: sorted(dataset, key=lambda x: x.question_id); Python's sort is stable, as is ours.
  const problems = selection.problems.sort((a, b) => compareCodePoints(a.question_id, b.question_id));
  return new CodeGenerationSet(
    problems,
    locations,
    files,
    rows,
    invalid,
    selection.unmatched_question_ids,
    options.skipInvalid === true,
  );
}

/** Load the selected code-generation problems with their tests, in LCB order (all in memory). */
export async function loadCodeGeneration(
  location: string | DatasetLayout,
  options: CodeGenerationLoadOptions = {},
): Promise<CodeGenerationProblem[]> {
  return (await openCodeGeneration(location, options)).loadAll();
}
