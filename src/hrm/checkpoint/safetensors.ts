/**
 * safetensors read and write (docs/hrm.md §9.2): a u64 little-endian header length n, n bytes of JSON
 * `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}`, then the raw data with
 * offsets relative to its start. Written headers are space-padded so the data starts 8-byte aligned.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { issuePath } from '../../core/zod-issues.ts';
import { DTYPES, isDType } from './dtypes.ts';
import { numel, type StoredTensor, type TensorFile } from './stored-tensor.ts';

/** The format's own cap on the header (100 MB), which also guards against reading garbage as a length. */
const MAX_HEADER_BYTES = 100_000_000;

const EntrySchema = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().min(0)),
  data_offsets: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
});
const MetadataSchema = z.record(z.string(), z.string());

/** True when `bytes` plausibly start a safetensors file (a sane header length followed by `{`). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return n <= BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8)) && bytes[8] === 0x7b;
}

/** Parse a safetensors file; `source` names it in errors. Tensor data are views into `bytes`. */
export function readSafetensors(bytes: Uint8Array, source: string): TensorFile {
  const fail = (detail: string, field?: string): never => {
    throw new InputError(source, `safetensors: ${detail}`, field === undefined ? {} : { field });
  };
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    fail(
      `header length ${headerLength} at byte 0 exceeds the file (${bytes.length} bytes) or the 100 MB cap`,
    );
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    fail(`header at bytes 8..${dataStart} is not valid UTF-8 JSON: ${(error as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('header is not a JSON object');
  const data = bytes.subarray(dataStart);
  const tensors = new Map<string, StoredTensor>();
  let metadata: Record<string, string> = {};
  const spans: { name: string; begin: number; end: number }[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      const parsed = MetadataSchema.safeParse(value);
      if (!parsed.success) fail('__metadata__ must map strings to strings', '__metadata__');
      else metadata = parsed.data;
      continue;
    }
    const parsed = EntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(issue.message, `${name}.${issuePath(issue.path)}`);
      continue;
    }
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = parsed.data;
    if (!isDType(dtype)) {
      fail(`unsupported dtype "${dtype}" (supported: ${Object.keys(DTYPES).join(' ')})`, `${name}.dtype`);
      continue;
    }
    const expected = numel(shape) * DTYPES[dtype].bytes;
    if (end < begin || end > data.length) {
      fail(
        `data_offsets [${begin}, ${end}] fall outside the ${data.length} data bytes`,
        `${name}.data_offsets`,
      );
    }
    if (end - begin !== expected) {
      fail(
        `data_offsets span ${end - begin} bytes but ${dtype} [${shape.join(', ')}] needs ${expected}`,
        name,
      );
    }
    spans.push({ name, begin, end });
    tensors.set(name, { dtype, shape, data: data.subarray(begin, end) });
  }
  spans.sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < spans.length; i += 1) {
    const prev = spans[i - 1]!;
    const span = spans[i]!;
    if (span.begin < prev.end) fail(`tensors ${prev.name} and ${span.name} overlap`, span.name);
  }
  return { tensors, metadata };
}

/** Serialise tensors (in map order) and metadata to safetensors bytes. */
export function writeSafetensors(file: TensorFile): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(file.metadata).length > 0) header.__metadata__ = file.metadata;
  let offset = 0;
  for (const [name, tensor] of file.tensors) {
    const expected = numel(tensor.shape) * DTYPES[tensor.dtype].bytes;
    if (tensor.data.length !== expected) {
      throw new RangeError(
        `tensor ${name}: ${tensor.data.length} bytes, ${tensor.dtype} [${tensor.shape}] needs ${expected}`,
      );
    }
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + expected] };
    offset += expected;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(json);
    json = spaced;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const tensor of file.tensors.values()) {
    out.set(tensor.data, at);
    at += tensor.data.length;
  }
  return out;
}
