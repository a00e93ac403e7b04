/**
 * Rebuild the embedded sample set in data/sample/ from the problem specifications in scripts/sample/:
 *
 *   node --import tsx scripts/sample/build.ts
 *
 * Runs build.py with Debian's /usr/bin/python3 (reference solutions compute every expected output; the
 * private tests are pickled by Python exactly as on Hugging Face), then writes the test-output-prediction
 * and code-execution rows as Parquet files laid out like `livecodebench/test_generation` and
 * `livecodebench/execution-v2`. The output is deterministic: rerunning it changes no file.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from '../../src/core/atomic-write.ts';
import { parseNaiveDateTime } from '../../src/lcb/dates.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/sample/', import.meta.url));
const PYTHON = '/usr/bin/python3';

type Row = Record<string, unknown>;
/** hyparquet-writer's own schema element type (it bundles its own hyparquet). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

function micros(text: unknown): bigint {
  const parsed = parseNaiveDateTime(String(text));
  if (parsed === undefined) throw new Error(`bad contest_date ${String(text)}`);
  return BigInt(parsed.us);
}

const string = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
});
const int64 = (name: string): SchemaElement => ({ name, type: 'INT64', repetition_type: 'OPTIONAL' });
const timestamp = (name: string): SchemaElement => ({
  name,
  type: 'INT64',
  repetition_type: 'OPTIONAL',
  logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
});

/** A Parquet file of the given columns (explicit schema: strings, int64, timestamp[us], list<int64>). */
function parquet(
  rows: Row[],
  columns: Array<{ name: string; kind: 'string' | 'int64' | 'timestamp' | 'int64list' }>,
) {
  const schema: SchemaElement[] = [{ name: 'schema', num_children: columns.length }];
  const columnData = columns.map(({ name, kind }) => {
    if (kind === 'string') schema.push(string(name));
    else if (kind === 'int64') schema.push(int64(name));
    else if (kind === 'timestamp') schema.push(timestamp(name));
    else {
      schema.push(
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT64', repetition_type: 'OPTIONAL' },
      );
    }
    const data = rows.map((row) => {
      const value = row[name];
      if (kind === 'int64') return BigInt(value as number);
      if (kind === 'timestamp') return micros(value);
      if (kind === 'int64list') return (value as number[]).map((n) => BigInt(n));
      return value;
    });
    return { name, data };
  });
  return new Uint8Array(
    parquetWriteBuffer({ columnData, schema, statistics: false, createdBy: 'hrm-lcb sample' }),
  );
}

const out = mkdtempSync(join(tmpdir(), 'hrm-lcb-sample-'));
try {
  execFileSync(PYTHON, [join(HERE, 'build.py'), out], { stdio: 'inherit' });
  for (const folder of ['code_generation_lite', 'references']) {
    rmSync(join(SAMPLE, folder), { recursive: true, force: true });
    cpSync(join(out, folder), join(SAMPLE, folder), { recursive: true });
  }
  const testGeneration = readRows(join(out, 'test_generation.jsonl'));
  await writeFileAtomic(
    join(SAMPLE, 'test_generation', 'test.parquet'),
    parquet(testGeneration, [
      { name: 'question_title', kind: 'string' },
      { name: 'question_content', kind: 'string' },
      { name: 'question_id', kind: 'string' },
      { name: 'contest_id', kind: 'string' },
      { name: 'contest_date', kind: 'timestamp' },
      { name: 'difficulty', kind: 'string' },
      { name: 'test', kind: 'string' },
      { name: 'starter_code', kind: 'string' },
      { name: 'function_name', kind: 'string' },
      { name: 'test_id', kind: 'int64' },
    ]),
  );
  const execution = readRows(join(out, 'execution.jsonl'));
  await writeFileAtomic(
    join(SAMPLE, 'execution-v2', 'data', 'test-00000-of-00001.parquet'),
    parquet(execution, [
      { name: 'question_id', kind: 'int64' },
      { name: 'id', kind: 'string' },
      { name: 'function_name', kind: 'string' },
      { name: 'code', kind: 'string' },
      { name: 'input', kind: 'string' },
      { name: 'output', kind: 'string' },
      { name: 'numsteps', kind: 'int64' },
      { name: 'problem_id', kind: 'int64list' },
      { name: 'contest_id', kind: 'string' },
      { name: 'contest_date', kind: 'timestamp' },
      { name: 'difficulty', kind: 'string' },
    ]),
  );
  console.log(`sample written to ${SAMPLE}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
