/**
 * Decoding of the drivers' messages: bytes → JSON → a checked event with typed Python values. A message
 * that does not parse is a protocol violation (a driver bug, or untrusted code writing to the channel),
 * reported as a `ProtocolError` for the caller to turn into a failing verdict, never a pass.
 */
import { z } from 'zod';
import type { WorldMessage } from '../grade/code-execution.ts';
import type { CodegenEvent } from '../grade/codegen.ts';
import { decodeWire } from '../grade/py-wire.ts';
import type { PredictionValue } from '../grade/test-output.ts';

/** A message that breaks the driver protocol. */
export class ProtocolError extends Error {
  constructor(detail: string) {
    super(`driver protocol violation: ${detail}`);
    this.name = 'ProtocolError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const index = z.number().int().min(-1);
const seconds = z.number().min(0);

// every codegen message may carry what the program wrote to sys.stderr since the previous one
const stderr = z.string().optional();
const codegenSchema = z.union([
  z.strictObject({ event: z.literal('setup_error'), message: z.string(), stderr }),
  z.strictObject({ event: z.literal('ready'), stderr }),
  z.strictObject({ event: z.literal('done'), stderr }),
  z.strictObject({ event: z.literal('test'), index, seconds, stdout: z.string(), stderr }),
  z.strictObject({ event: z.literal('test'), index, seconds, value: z.unknown(), args: z.string(), stderr }),
  z.strictObject({
    event: z.literal('error'),
    index,
    repr: z.string(),
    args: z.string().optional(),
    stderr,
  }),
]);

const testOutputSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('value'), index, value: z.unknown() }),
  z.strictObject({ event: z.literal('error'), index, repr: z.string() }),
  z.strictObject({ event: z.literal('done') }),
]);

const path = z.string().regex(/^[TF]*$/);
const executionSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('probe'), index, path, value: z.unknown(), decides: z.boolean() }),
  z.strictObject({
    event: z.literal('end'),
    index,
    path,
    passed: z.boolean(),
    error: z.string().nullable(),
  }),
  z.strictObject({ event: z.literal('done') }),
]);

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new ProtocolError(`message is not UTF-8 JSON (${(error as Error).message})`);
  }
}

function check<T>(schema: z.ZodType<T>, bytes: Uint8Array): T {
  const parsed = schema.safeParse(parseJson(bytes));
  if (!parsed.success)
    throw new ProtocolError(`unexpected message shape: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function wire(value: unknown) {
  try {
    return decodeWire(value);
  } catch (error) {
    throw new ProtocolError((error as Error).message);
  }
}

/** One codegen driver message as a grader event. */
export function decodeCodegenMessage(bytes: Uint8Array): CodegenEvent {
  const message = check(codegenSchema, bytes);
  const { stderr: text, ...event } = message;
  const withStderr = text === undefined ? {} : { stderr: text };
  if (event.event === 'test' && 'value' in event)
    return { ...event, value: wire(event.value), ...withStderr };
  if (event.event === 'error') {
    const { args, ...rest } = event;
    return { ...rest, ...(args === undefined ? {} : { args }), ...withStderr };
  }
  return { ...(event as CodegenEvent), ...withStderr };
}

/** One test-output driver message: a prediction's value or error, or the end of the run. */
export function decodeTestOutputMessage(
  bytes: Uint8Array,
): { index: number; outcome: PredictionValue } | 'done' {
  const message = check(testOutputSchema, bytes);
  if (message.event === 'done') return 'done';
  if (message.event === 'error')
    return { index: message.index, outcome: { kind: 'error', repr: message.repr } };
  return { index: message.index, outcome: { kind: 'value', value: wire(message.value) } };
}

/** One execution driver message: a world event of a prediction, or the end of the run. */
export function decodeExecutionMessage(bytes: Uint8Array): { index: number; message: WorldMessage } | 'done' {
  const message = check(executionSchema, bytes);
  if (message.event === 'done') return 'done';
  if (message.event === 'end') {
    const { index: at, event, path: where, passed, error } = message;
    return { index: at, message: { event, path: where, passed, error } };
  }
  const { index: at, event, path: where, decides } = message;
  return { index: at, message: { event, path: where, value: wire(message.value), decides } };
}
