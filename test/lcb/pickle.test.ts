import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PickleError, readPickledString } from '../../src/lcb/pickle.ts';

const PROTO4 = [0x80, 4];
const STOP = 0x2e;
const MEMOIZE = 0x94;

function le(value: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => Math.floor(value / 256 ** i) % 256);
}

function pickle(...parts: number[][]): Uint8Array {
  return Uint8Array.from(parts.flat());
}

describe('readPickledString', () => {
  const text = 'héllo [1, 2]';
  const utf8 = [...Buffer.from(text)];

  it('reads SHORT_BINUNICODE, BINUNICODE and BINUNICODE8, with or without FRAME', () => {
    const short = [0x8c, utf8.length, ...utf8];
    const four = [0x58, ...le(utf8.length, 4), ...utf8];
    const eight = [0x8d, ...le(utf8.length, 8), ...utf8];
    for (const body of [short, four, eight]) {
      assert.equal(readPickledString(pickle(PROTO4, body, [MEMOIZE, STOP])), text);
      const frame = [0x95, ...le(body.length + 2, 8)];
      assert.equal(readPickledString(pickle(PROTO4, frame, body, [MEMOIZE, STOP])), text);
    }
  });

  it('rejects every other opcode with its byte offset', () => {
    const cases: Array<[number[], RegExp]> = [
      [[...PROTO4, 0x5d, STOP], /unsupported opcode 0x5d .* at byte 2/], // EMPTY_LIST
      [[...PROTO4, 0x63, ...Buffer.from('os\nsystem\n')], /unsupported opcode 0x63 .* at byte 2/], // GLOBAL
      [[...PROTO4, 0x93], /unsupported opcode 0x93/], // STACK_GLOBAL
      [[...PROTO4, 0x52], /unsupported opcode 0x52/], // REDUCE
      [[0x4b, 1, STOP], /unsupported opcode 0x4b .* at byte 0/], // BININT1
    ];
    for (const [bytes, message] of cases) {
      assert.throws(
        () => readPickledString(Uint8Array.from(bytes)),
        (error: unknown) => {
          assert.ok(error instanceof PickleError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });

  it('rejects truncation, several values, trailing bytes, bad UTF-8 and unknown protocols', () => {
    assert.throws(() => readPickledString(pickle(PROTO4, [0x8c, 10, 0x41])), /truncated string .* at byte 4/);
    assert.throws(() => readPickledString(pickle(PROTO4, [0x8c, 1, 0x41])), /truncated opcode/);
    assert.throws(
      () => readPickledString(pickle(PROTO4, [0x8c, 1, 0x41, 0x8c, 1, 0x42, STOP])),
      /expected one pickled str, found 2 values/,
    );
    assert.throws(() => readPickledString(pickle(PROTO4, [0x8c, 1, 0x41, STOP, 0])), /1 bytes after STOP/);
    assert.throws(
      () => readPickledString(pickle(PROTO4, [0x8c, 2, 0xc3, 0x28, STOP])),
      /not valid UTF-8 at byte 4/,
    );
    assert.throws(
      () => readPickledString(pickle([0x80, 9], [0x8c, 1, 0x41, STOP])),
      /unsupported protocol 9/,
    );
    assert.throws(() => readPickledString(pickle(PROTO4, [MEMOIZE])), /MEMOIZE with an empty stack/);
    assert.throws(() => readPickledString(new Uint8Array(0)), /truncated opcode .* at byte 0/);
  });
});
