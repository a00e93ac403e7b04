/**
 * The wire between Node and a slot's fork-server (`python/forkserver.py` describes the other end).
 * Every frame is 1 kind byte, a 4-byte big-endian payload length and the payload. Run data is relayed
 * as raw chunks; the message stream of `hrm_sandbox.emit` is reassembled here (4-byte length + bytes).
 */
import { z } from 'zod';
import type { SandboxLimits } from './types.ts';

const FRAME_HEADER_BYTES = 5;

/** Kinds of frames the server sends. */
export type ServerFrameKind = 'H' | 'O' | 'E' | 'M' | 'D';

/** One frame received from the server. */
export interface ServerFrame {
  kind: ServerFrameKind;
  payload: Buffer;
}

const SERVER_KINDS = new Set(['H', 'O', 'E', 'M', 'D']);

/** Splits the server's byte stream into frames; throws on a kind it does not know (a broken server). */
export class FrameReader {
  private buffer = new ByteQueue();

  /** Feed a chunk; returns the frames it completed, in order. */
  push(chunk: Buffer): ServerFrame[] {
    this.buffer.append(chunk);
    const frames: ServerFrame[] = [];
    for (;;) {
      const head = this.buffer.peek(FRAME_HEADER_BYTES);
      if (head === undefined) break;
      const kind = String.fromCharCode(head[0]!);
      if (!SERVER_KINDS.has(kind)) throw new Error(`fork-server sent an unknown frame kind ${head[0]}`);
      const whole = this.buffer.take(FRAME_HEADER_BYTES + head.readUInt32BE(1));
      if (whole === undefined) break;
      frames.push({ kind: kind as ServerFrameKind, payload: whole.subarray(FRAME_HEADER_BYTES) });
    }
    return frames;
  }
}

/** Reassembles `hrm_sandbox.emit` messages (4-byte big-endian length + bytes) from relayed chunks. */
export class MessageAssembler {
  private reader = new ByteQueue();

  /** Feed relayed message-stream bytes; returns the messages they completed. */
  push(chunk: Buffer): Uint8Array[] {
    this.reader.append(chunk);
    const messages: Uint8Array[] = [];
    for (;;) {
      const head = this.reader.peek(4);
      if (head === undefined) break;
      const length = head.readUInt32BE(0);
      const whole = this.reader.take(4 + length);
      if (whole === undefined) break;
      messages.push(new Uint8Array(whole.subarray(4)));
    }
    return messages;
  }
}

/** A byte queue with peek/take of exact sizes. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private bytes = 0;

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  peek(n: number): Buffer | undefined {
    if (this.bytes < n) return undefined;
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  take(n: number): Buffer | undefined {
    const taken = this.peek(n);
    if (taken === undefined) return undefined;
    const first = this.chunks[0]!;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.bytes -= n;
    return taken;
  }
}

function frame(kind: 'R' | 'S' | 'Q', payload: Buffer): Buffer {
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** The `R` frame of one run: header JSON (limits, lengths), then source and stdin bytes. */
export function encodeRunFrame(id: number, source: Buffer, stdin: Buffer, limits: SandboxLimits): Buffer {
  const header = Buffer.from(
    JSON.stringify({ id, ...limits, sourceLength: source.length, stdinLength: stdin.length }),
  );
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32BE(header.length, 0);
  return frame('R', Buffer.concat([headerLength, header, source, stdin]));
}

/** The `S` frame asking the server to kill run `id` now. */
export function encodeStopFrame(id: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(id, 0);
  return frame('S', payload);
}

/** The `Q` frame: finish and exit. */
export function encodeQuitFrame(): Buffer {
  return frame('Q', Buffer.alloc(0));
}

/** The server's `H` payload. */
export const helloSchema = z.object({
  pid: z.number().int(),
  python: z.string(),
  profile: z.string(),
  preloadMs: z.number(),
  seccomp: z.boolean(),
});

/** The server's `D` payload: how the run ended, before Node adds the captured bytes. */
export const doneSchema = z.object({
  id: z.number().int(),
  status: z.enum(['exited', 'signaled', 'timeout', 'output-capped', 'stopped', 'infrastructure-error']),
  exitCode: z.number().int().nullable(),
  signal: z.number().int().nullable(),
  wallMs: z.number(),
  cpuMs: z.number(),
  maxRssKb: z.number(),
  stdoutBytes: z.number().int(),
  stderrBytes: z.number().int(),
  messageBytes: z.number().int(),
  error: z.string().optional(),
  recycle: z.string().nullable(),
});

/** A parsed `D` payload. */
export type DoneFrame = z.infer<typeof doneSchema>;
