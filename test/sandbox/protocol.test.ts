import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/sandbox/limits.ts';
import {
  encodeQuitFrame,
  encodeRunFrame,
  encodeStopFrame,
  FrameReader,
  MessageAssembler,
} from '../../src/sandbox/protocol.ts';

function serverFrame(kind: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

describe('FrameReader', () => {
  it('splits a stream into frames whatever the chunking', () => {
    const stream = Buffer.concat([
      serverFrame('O', Buffer.from('hello\n')),
      serverFrame('E', Buffer.alloc(0)),
      serverFrame('D', Buffer.from('{"id":1}')),
    ]);
    for (const size of [1, 2, 3, 7, stream.length]) {
      const reader = new FrameReader();
      const frames = [];
      for (let at = 0; at < stream.length; at += size)
        frames.push(...reader.push(stream.subarray(at, at + size)));
      assert.deepEqual(
        frames.map((f) => [f.kind, f.payload.toString()]),
        [
          ['O', 'hello\n'],
          ['E', ''],
          ['D', '{"id":1}'],
        ],
        `chunk size ${size}`,
      );
    }
  });

  it('throws on a frame kind the server never sends', () => {
    assert.throws(() => new FrameReader().push(serverFrame('X', Buffer.alloc(0))), /unknown frame kind 88/);
  });
});

describe('MessageAssembler', () => {
  it('reassembles length-prefixed messages split across relayed chunks', () => {
    const message = (text: string) => {
      const body = Buffer.from(text);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length, 0);
      return Buffer.concat([head, body]);
    };
    const stream = Buffer.concat([message('first'), message(''), message('x'.repeat(70_000))]);
    const assembler = new MessageAssembler();
    const got: string[] = [];
    for (let at = 0; at < stream.length; at += 4099) {
      for (const m of assembler.push(stream.subarray(at, at + 4099))) got.push(Buffer.from(m).toString());
    }
    assert.deepEqual(got, ['first', '', 'x'.repeat(70_000)]);
  });
});

describe('client frames', () => {
  it('lays out a run request as header length, header JSON, source, stdin', () => {
    const frame = encodeRunFrame(7, Buffer.from('print(1)'), Buffer.from('in'), DEFAULT_LIMITS);
    assert.equal(frame.toString('latin1', 0, 1), 'R');
    assert.equal(frame.readUInt32BE(1), frame.length - 5);
    const headerLength = frame.readUInt32BE(5);
    const header = JSON.parse(frame.toString('utf8', 9, 9 + headerLength));
    assert.deepEqual(header, { id: 7, ...DEFAULT_LIMITS, sourceLength: 8, stdinLength: 2 });
    assert.equal(frame.toString('utf8', 9 + headerLength), 'print(1)in');
  });

  it('encodes stop with the run id and quit with no payload', () => {
    assert.deepEqual([...encodeStopFrame(258)], [83, 0, 0, 0, 4, 0, 0, 1, 2]);
    assert.deepEqual([...encodeQuitFrame()], [81, 0, 0, 0, 0]);
  });
});
