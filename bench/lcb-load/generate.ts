/**
 * Writes a release file shaped like the real `code_generation_lite/testN.jsonl` (docs/lcb.md §2.1): one
 * problem per line, almost all of each line being `private_test_cases` in HF's encoding,
 * base64(zlib(pickle protocol 4 of the JSON text)). Large pickles use BINUNICODE without FRAME, as Python
 * writes them (§18.11). A few distinct test blobs are cycled so generating 1 GB takes seconds; decoding
 * cost is the same as with all-distinct blobs.
 */
import { createWriteStream } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { seededRandom as random } from '../../test/helpers/seeded-random.ts';

/** What was written, for validating the loaders' results. */
export interface GeneratedFile {
  file: string;
  bytes: number;
  problems: number;
  /** private + public tests over all problems */
  tests: number;
  /** question ids in file order */
  ids: string[];
}

const DISTINCT_BLOBS = 8;

function pickleString(text: string): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const header = Buffer.from([0x80, 4, 0x58, 0, 0, 0, 0]);
  header.writeUInt32LE(utf8.length, 3);
  return Buffer.concat([header, utf8, Buffer.from([0x94, 0x2e])]);
}

/** Encoded private tests of about `targetBytes` base64 characters, and how many tests they hold. */
function privateTestsBlob(seed: number, targetBytes: number): { encoded: string; tests: number } {
  const next = random(seed);
  const line = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 1e9)).join(' ');
  const tests: Array<{ input: string; output: string; testtype: string }> = [];
  let encoded = '';
  // grow in steps until the encoding reaches the target (random digits compress to about 45%)
  let rawTarget = targetBytes * 1.6;
  let rawLength = 2;
  for (;;) {
    while (rawLength < rawTarget) {
      const test = { input: `200\n${line(200)}\n`, output: `${line(1)}\n`, testtype: 'stdin' };
      tests.push(test);
      rawLength += JSON.stringify(test).length + 2;
    }
    encoded = deflateSync(pickleString(JSON.stringify(tests))).toString('base64');
    if (encoded.length >= targetBytes * 0.97) return { encoded, tests: tests.length };
    rawTarget *= targetBytes / encoded.length;
  }
}

/** Write `problems` rows with about `privateBytes` of encoded private tests each. */
export async function generateReleaseFile(
  file: string,
  problems: number,
  privateBytes: number,
): Promise<GeneratedFile> {
  const blobs = Array.from({ length: DISTINCT_BLOBS }, (_, i) => privateTestsBlob(1000 + i, privateBytes));
  const out = createWriteStream(file);
  const publicTests = JSON.stringify([{ input: '3\n1 2 3\n', output: '6\n', testtype: 'stdin' }]);
  let bytes = 0;
  let tests = 0;
  const ids: string[] = [];
  for (let i = 0; i < problems; i++) {
    const blob = blobs[i % DISTINCT_BLOBS]!;
    const id = `abc${String(100 + ((i * 7919) % problems)).padStart(4, '0')}_${'abcdefg'[i % 7]}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const row = {
      question_title: `Generated ${i}`,
      question_content: `Problem ${i}: print the sum of the numbers.\n`.repeat(20),
      platform: 'atcoder',
      question_id: id,
      contest_id: id.split('_')[0],
      contest_date: `2024-0${1 + (i % 9)}-${day}T00:00:00`,
      starter_code: '',
      difficulty: ['easy', 'medium', 'hard'][i % 3],
      public_test_cases: publicTests,
      private_test_cases: blob.encoded,
      metadata: '{}',
    };
    const line = `${JSON.stringify(row)}\n`;
    bytes += Buffer.byteLength(line);
    tests += blob.tests + 1;
    ids.push(id);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { file, bytes, problems, tests, ids };
}
