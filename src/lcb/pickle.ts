/**
 * A minimal pickle reader for exactly what LCB's `private_test_cases` hold: one pickled Python `str`
 * (`pickle.dumps(json_text, protocol=4)`, docs/lcb.md §2.1 and §18.11). It accepts only the opcodes such
 * a pickle uses and rejects everything else, so it can never build objects or call anything: it is not,
 * and must never become, a general unpickler.
 *
 * Accepted: PROTO, FRAME, SHORT_BINUNICODE, BINUNICODE, BINUNICODE8, MEMOIZE, STOP.
 */

/** A pickle this reader does not accept, with the byte offset where it stopped. */
export class PickleError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`pickle: ${message} at byte ${offset}`);
    this.name = 'PickleError';
    this.offset = offset;
  }
}

const OP = {
  PROTO: 0x80,
  FRAME: 0x95,
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE: 0x58, // 'X'
  BINUNICODE8: 0x8d,
  MEMOIZE: 0x94,
  STOP: 0x2e, // '.'
} as const;

const HIGHEST_PROTOCOL = 5;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A read position over the pickle bytes; each reader takes what it needs and advances `offset`. */
interface Cursor {
  bytes: Uint8Array;
  view: DataView;
  offset: number;
}

function need(cursor: Cursor, count: number, what: string): void {
  if (cursor.offset + count > cursor.bytes.length) {
    throw new PickleError(
      `truncated ${what} (needs ${count} bytes, ${cursor.bytes.length - cursor.offset} left)`,
      cursor.offset,
    );
  }
}

function readUint8(cursor: Cursor, what: string): number {
  need(cursor, 1, what);
  const value = cursor.bytes[cursor.offset]!;
  cursor.offset += 1;
  return value;
}

function readUint32(cursor: Cursor, what: string): number {
  need(cursor, 4, what);
  const value = cursor.view.getUint32(cursor.offset, true);
  cursor.offset += 4;
  return value;
}

function readUint64(cursor: Cursor, what: string): number {
  need(cursor, 8, what);
  const value = cursor.view.getBigUint64(cursor.offset, true);
  cursor.offset += 8;
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new PickleError(`${what} ${value} is too large`, cursor.offset - 8);
  return Number(value);
}

function readUtf8(cursor: Cursor, length: number): string {
  need(cursor, length, 'string');
  const start = cursor.offset;
  cursor.offset += length;
  try {
    return utf8.decode(cursor.bytes.subarray(start, start + length));
  } catch {
    throw new PickleError('string is not valid UTF-8', start);
  }
}

/**
 * Read a pickle that holds a single `str` and return it. Throws `PickleError` naming the byte offset for
 * any other content: other opcodes, several values, a missing STOP, trailing bytes, invalid UTF-8.
 */
export function readPickledString(bytes: Uint8Array): string {
  const cursor: Cursor = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset: 0,
  };
  const stack: string[] = [];
  for (;;) {
    const at = cursor.offset;
    const op = readUint8(cursor, 'opcode');
    switch (op) {
      case OP.PROTO: {
        const version = readUint8(cursor, 'protocol version');
        if (version > HIGHEST_PROTOCOL) throw new PickleError(`unsupported protocol ${version}`, at);
        break;
      }
      case OP.FRAME:
        readUint64(cursor, 'frame length'); // frames only group bytes; the content follows inline
        break;
      case OP.SHORT_BINUNICODE:
        stack.push(readUtf8(cursor, readUint8(cursor, 'string length')));
        break;
      case OP.BINUNICODE:
        stack.push(readUtf8(cursor, readUint32(cursor, 'string length')));
        break;
      case OP.BINUNICODE8:
        stack.push(readUtf8(cursor, readUint64(cursor, 'string length')));
        break;
      case OP.MEMOIZE:
        if (stack.length === 0) throw new PickleError('MEMOIZE with an empty stack', at);
        break;
      case OP.STOP: {
        if (stack.length !== 1)
          throw new PickleError(`expected one pickled str, found ${stack.length} values`, at);
        if (cursor.offset !== bytes.length)
          throw new PickleError(`${bytes.length - cursor.offset} bytes after STOP`, cursor.offset);
        return stack[0]!;
      }
      default:
        throw new PickleError(
          `unsupported opcode 0x${op.toString(16).padStart(2, '0')} (only a pickled str is accepted)`,
          at,
        );
    }
  }
}
