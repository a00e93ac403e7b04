/**
 * Full check of a downloaded data set: every row of every file at the location is parsed and its tests
 * decoded, as a loader would, but nothing stops at the first problem. Errors are rows a loader rejects
 * (and duplicate ids); warnings are rows LCB accepts but grades oddly (no tests; a LeetCode row without
 * `func_name`, which the grader then runs as a stdin program).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LcbScenario, RowSource } from '../contracts/lcb-problem.ts';
import { InputError } from '../core/errors.ts';
import { parseCodeExecutionRow, parseCruxEvalRow } from './code-execution.ts';
import { readLocatedLines } from './line-reader.ts';
import { type DatasetLayout, resolveDataset } from './location.ts';
import { parseCodeGenerationLine } from './parse-code-generation.ts';
import { readTableRows } from './table-rows.ts';
import { parseTestOutputPredictionRow } from './test-output-prediction.ts';
import { RELEASE_FILES } from './versions.ts';

/** One finding: where (file, line or row, field) and what. */
export interface RowIssue {
  file: string;
  line: number | null;
  field: string | null;
  message: string;
}

/** Rows read and rows rejected in one file. */
export interface FileReport {
  file: string;
  scenario: LcbScenario;
  rows: number;
  bad: number;
}

/** The outcome of validating a data set. */
export interface ValidationReport {
  files: FileReport[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

function issueOf(error: InputError): RowIssue {
  return { file: error.file, line: error.line ?? null, field: error.field ?? null, message: error.message };
}

function warning(where: RowSource, field: string | null, message: string): RowIssue {
  const place = `${where.file}:${where.line}:${field === null ? '' : ` field ${field}:`}`;
  return { file: where.file, line: where.line, field, message: `${place} ${message}` };
}

function releaseFilesIn(dir: string, report: ValidationReport): string[] {
  const known = RELEASE_FILES.map((name) => join(dir, name)).filter((file) => existsSync(file));
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.jsonl') && !(RELEASE_FILES as readonly string[]).includes(name)) {
      report.warnings.push({
        file: join(dir, name),
        line: null,
        field: null,
        message: `${join(dir, name)}: not a release file this version table knows (test.jsonl … test6.jsonl); no version tag reads it`,
      });
    }
  }
  return known;
}

async function validateCodeGenerationFile(
  file: string,
  seen: Map<string, RowSource>,
  report: ValidationReport,
): Promise<void> {
  const result: FileReport = { file, scenario: 'codegeneration', rows: 0, bad: 0 };
  for await (const { line, text } of readLocatedLines(file)) {
    if (text.trim() === '') continue;
    result.rows += 1;
    const where = { file, line };
    try {
      const problem = parseCodeGenerationLine(text, where);
      const first = seen.get(problem.question_id);
      if (first !== undefined) {
        result.bad += 1;
        report.errors.push(
          issueOf(
            new InputError(
              file,
              `duplicate question_id ${problem.question_id} (first at ${first.file}:${first.line})`,
              {
                line,
                field: 'question_id',
              },
            ),
          ),
        );
        continue;
      }
      seen.set(problem.question_id, where);
      if (problem.public_test_cases.length + problem.private_test_cases.length === 0) {
        report.warnings.push(warning(where, null, 'no tests: LCB counts every generation as correct'));
      }
      if (problem.platform === 'leetcode' && problem.metadata.func_name === undefined) {
        report.warnings.push(
          warning(where, 'metadata', 'LeetCode problem without func_name: graded as a stdin program'),
        );
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      result.bad += 1;
      report.errors.push(issueOf(error));
    }
  }
  report.files.push(result);
}

async function validateTable(
  layout: DatasetLayout,
  scenario: LcbScenario,
  report: ValidationReport,
): Promise<void> {
  const table = scenario === 'testoutputprediction' ? layout.testGeneration : layout.execution;
  if (table === null) return;
  const parse =
    scenario === 'testoutputprediction'
      ? parseTestOutputPredictionRow
      : layout.execution?.kind === 'cruxeval'
        ? parseCruxEvalRow
        : parseCodeExecutionRow;
  const perFile = new Map<string, FileReport>(
    table.files.map((file) => [file, { file, scenario, rows: 0, bad: 0 }]),
  );
  const invalid: InputError[] = [];
  for await (const { value, where } of readTableRows(table, { skipInvalid: true }, invalid)) {
    const result = perFile.get(where.file)!;
    result.rows += 1;
    try {
      parse(value, where);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      result.bad += 1;
      report.errors.push(issueOf(error));
    }
  }
  for (const error of invalid) {
    const result = perFile.get(error.file)!;
    result.rows += 1;
    result.bad += 1;
    report.errors.push(issueOf(error));
  }
  report.files.push(...perFile.values());
}

/**
 * Validate every row at a dataset location (`sample` or a directory). `onFile` is told each file before it
 * is read (progress for multi-GB downloads).
 */
export async function validateDataset(
  location: string | DatasetLayout,
  onFile: (file: string) => void = () => {},
): Promise<ValidationReport> {
  const layout = typeof location === 'string' ? resolveDataset(location) : location;
  const report: ValidationReport = { files: [], errors: [], warnings: [] };
  if (layout.codeGenerationLite !== null) {
    const seen = new Map<string, RowSource>();
    for (const file of releaseFilesIn(layout.codeGenerationLite, report)) {
      onFile(file);
      await validateCodeGenerationFile(file, seen, report);
    }
  }
  if (layout.codeGeneration !== null && layout.codeGeneration !== layout.codeGenerationLite) {
    const file = join(layout.codeGeneration, 'test.jsonl');
    onFile(file);
    await validateCodeGenerationFile(file, new Map(), report);
  }
  for (const scenario of ['testoutputprediction', 'codeexecution'] as const) {
    const table = scenario === 'testoutputprediction' ? layout.testGeneration : layout.execution;
    for (const file of table?.files ?? []) onFile(file);
    await validateTable(layout, scenario, report);
  }
  return report;
}
