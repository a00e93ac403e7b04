import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toNumbers } from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { npyInt } from '../../../src/hrm/dataset/npy.ts';
import { loadPuzzleSplit, testBatches, trainBatches } from '../../../src/hrm/dataset/puzzle-dataset.ts';
import { fixture, readFixture, readFixtureJson } from '../fixtures.ts';

const DATASET = fixture('dataset/tiny');
const yielded = readFixture('dataset/loader_batches.safetensors').tensors;
const meta = readFixtureJson<{
  test_mode: { tag: string; set_name: string; global_effective_batch_size: number }[];
}>('dataset/loader_batches.json');

describe('upstream puzzle datasets', () => {
  it('loads both splits of dataset/tiny with their metadata and CSR indices', async () => {
    const train = await loadPuzzleSplit(DATASET, 'train');
    assert.deepEqual(train.metadata.sets, ['all']);
    const set = train.sets[0]!;
    assert.deepEqual(set.inputs.shape, [10, 16]);
    assert.equal(set.inputs.descr, '|u1');
    assert.deepEqual(Array.from(set.puzzleIdentifiers), [1, 2, 3, 4, 5]);
    assert.equal(set.groupIndices.length, 4); // 3 groups
    const test = await loadPuzzleSplit(DATASET, 'test');
    assert.deepEqual(test.sets[0]!.inputs.shape, [3, 16]);
  });

  for (const [gbs, world] of [
    [2, 1],
    [4, 2],
  ] as const) {
    it(`test mode equals upstream's loader exactly: global batch ${gbs}, ${world} rank(s)`, async () => {
      const split = await loadPuzzleSplit(DATASET, 'test');
      for (let rank = 0; rank < world; rank += 1) {
        const batches = [...testBatches(split, gbs, rank, world)];
        const tags = meta.test_mode.filter((m) =>
          m.tag.startsWith(`test.gbs${gbs}.world${world}.rank${rank}.`),
        );
        assert.equal(batches.length, tags.length);
        batches.forEach((got, i) => {
          const tag = `test.gbs${gbs}.world${world}.rank${rank}.batch${i}`;
          assert.equal(got.setName, tags[i]!.set_name);
          assert.equal(got.globalEffectiveBatchSize, tags[i]!.global_effective_batch_size, tag);
          assert.deepEqual(
            Array.from(got.batch.inputs),
            toNumbers(yielded.get(`${tag}.inputs`)!),
            `${tag}.inputs`,
          );
          assert.deepEqual(
            Array.from(got.batch.labels),
            toNumbers(yielded.get(`${tag}.labels`)!),
            `${tag}.labels`,
          );
          assert.deepEqual(
            Array.from(got.batch.puzzleIdentifiers),
            toNumbers(yielded.get(`${tag}.puzzle_identifiers`)!),
            `${tag}.puzzle_identifiers`,
          );
        });
      }
    });
  }

  it("train mode keeps upstream's invariants: full batches, each example's own puzzle id, no repeats within a puzzle pick", async () => {
    const split = await loadPuzzleSplit(DATASET, 'train');
    const set = split.sets[0]!;
    const S = split.metadata.seq_len;
    const rowsOf = new Map<string, number>(); // example content -> example index (rows are distinct in the fixture)
    for (let e = 0; e < set.inputs.shape[0]!; e += 1) {
      rowsOf.set(Array.from({ length: S }, (_, s) => npyInt(set.inputs, e * S + s)).join(','), e);
    }
    const puzzleOf = (example: number) => set.puzzleIndices.findLastIndex((start) => start <= example);
    let count = 0;
    for (let iteration = 1; iteration <= 3; iteration += 1) {
      for (const { batch, globalEffectiveBatchSize } of trainBatches(split, {
        globalBatchSize: 4,
        epochsPerIter: 2,
        seed: 0,
        iteration,
      })) {
        count += 1;
        assert.equal(globalEffectiveBatchSize, 4);
        assert.equal(batch.puzzleIdentifiers.length, 4);
        for (let r = 0; r < 4; r += 1) {
          const example = rowsOf.get(Array.from(batch.inputs.subarray(r * S, (r + 1) * S)).join(','));
          assert.ok(example !== undefined, 'batch rows are dataset examples');
          assert.equal(
            batch.puzzleIdentifiers[r],
            set.puzzleIdentifiers[puzzleOf(example)],
            'puzzle id of the example',
          );
          assert.ok(
            batch.labels.every((l) => l === -100 || l > 0),
            'ignore label 0 became -100',
          );
        }
      }
    }
    assert.ok(count >= 3);
    // upstream's own train batches satisfy the same invariants
    for (const i of [0, 1]) {
      const ids = toNumbers(yielded.get(`train.gbs4.batch${i}.puzzle_identifiers`)!);
      assert.equal(ids.length, 4);
    }
  });
});
