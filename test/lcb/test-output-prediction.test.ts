import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadTestOutputPrediction, testOutputPredictionSample } from '../../src/lcb/index.ts';
import { tempDir } from './fixtures.ts';

type Schema = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>;

const rows = [
  { question_id: '8002', test_id: 1, contest_date: '2024-05-05T18:30:00', output: '7' },
  { question_id: '8001', test_id: 0, contest_date: '2024-05-04T00:00:00', output: '3' },
  { question_id: '8002', test_id: 0, contest_date: '2024-05-05T18:30:00', output: '[1, 2]' },
].map((r) => ({
  question_title: `demo-${r.question_id}`,
  question_content: 'Return something.\n',
  question_id: r.question_id,
  contest_id: 'weekly-contest-900',
  contest_date: r.contest_date,
  difficulty: 'medium',
  test: JSON.stringify([{ input: '[4, 1]\n2', output: r.output, testtype: 'functional' }]),
  starter_code: 'class Solution:\n    def f(self, nums: List[int], t: int) -> int:\n        pass',
  function_name: 'f',
  test_id: r.test_id,
}));

function writeParquet(file: string, unit: 'MILLIS' | 'MICROS' | 'NANOS'): void {
  const strings = [
    'question_title',
    'question_content',
    'question_id',
    'contest_id',
    'difficulty',
    'test',
    'starter_code',
    'function_name',
  ];
  const scale = { MILLIS: 1n, MICROS: 1000n, NANOS: 1000000n }[unit];
  const schema: Schema = [
    { name: 'schema', num_children: strings.length + 2 },
    ...strings.map((name) => ({
      name,
      type: 'BYTE_ARRAY' as const,
      converted_type: 'UTF8' as const,
      repetition_type: 'OPTIONAL' as const,
    })),
    {
      name: 'contest_date',
      type: 'INT64',
      repetition_type: 'OPTIONAL',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit },
    },
    { name: 'test_id', type: 'INT64', repetition_type: 'OPTIONAL' },
  ];
  const columnData = [
    ...strings.map((name) => ({ name, data: rows.map((row) => row[name as keyof (typeof rows)[0]]) })),
    { name: 'contest_date', data: rows.map((row) => BigInt(Date.parse(`${row.contest_date}Z`)) * scale) },
    { name: 'test_id', data: rows.map((row) => BigInt(row.test_id)) },
  ];
  writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, schema })));
}

describe('loadTestOutputPrediction', () => {
  it('reads Parquet (ms, µs and ns timestamps) and JSON Lines with the same fields alike', async () => {
    const root = tempDir();
    const jsonlDir = join(root, 'jsonl', 'test_generation');
    mkdirSync(jsonlDir, { recursive: true });
    writeFileSync(join(jsonlDir, 'test.jsonl'), `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    const fromJsonl = await loadTestOutputPrediction(join(root, 'jsonl'));
    for (const unit of ['MILLIS', 'MICROS', 'NANOS'] as const) {
      const dir = join(root, unit, 'test_generation');
      mkdirSync(dir, { recursive: true });
      writeParquet(join(dir, 'test.parquet'), unit);
      const fromParquet = await loadTestOutputPrediction(join(root, unit));
      const strip = (p: (typeof fromJsonl.problems)[0]) => ({ ...p, source: { ...p.source, file: '' } });
      assert.deepEqual(fromParquet.problems.map(strip), fromJsonl.problems.map(strip), unit);
    }
    assert.deepEqual(
      fromJsonl.problems.map((p) => `${p.question_id}/${p.test_id}`),
      ['8001/0', '8002/0', '8002/1'],
    );
    assert.equal(fromJsonl.problems[2]!.contest_date, '2024-05-05T18:30:00');
    assert.deepEqual(testOutputPredictionSample(fromJsonl.problems[1]!), {
      input: 'Return something.\n',
      output: '[1, 2]',
    });
  });

  it('loads the sample: 46 rows sorted by (question_id, test_id), starter code with a body', async () => {
    const result = await loadTestOutputPrediction('sample');
    assert.equal(result.problems.length, 46);
    const keys = result.problems.map((p) => [p.question_id, p.test_id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    assert.deepEqual(keys, sorted);
    for (const p of result.problems) {
      assert.match(p.starter_code, /\n {8}pass$/);
      assert.equal(p.test.length, 1);
      assert.equal(p.test[0]!.testtype, 'functional');
    }
  });
});
