/**
 * PyTorch `.pt` state dicts in torch's zip format (docs/hrm.md §9.3): `<archive>/data.pkl` (the pickle),
 * `<archive>/data/<key>` (one raw little-endian storage per key) and `<archive>/version`. Reading accepts
 * what any torch since 1.6 writes (shared storages, offsets, strides, ZIP64 central directories); writing
 * produces what torch 1.13 writes: stored entries with payloads aligned to 64 bytes.
 */
import { strFromU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { InputError } from '../../core/errors.ts';
import { DTYPES, dtypeOfTorchStorage } from './dtypes.ts';
import { PickleError, PyDict, type PyValue, readPickle, TensorRef } from './pickle-read.ts';
import { contiguousStrides, type PickledTensor, writeStateDictPickle } from './pickle-write.ts';
import { numel, type StoredTensor, type TensorFile } from './stored-tensor.ts';

/** Payload alignment torch's zip writer uses (so storages can be mmap'ed). */
const ALIGNMENT = 64;
/** Zip extra-field id torch uses for alignment padding ('FB'). */
const PADDING_EXTRA_ID = 0x4246;
/** Fixed entry time, so the same tensors always give the same bytes. */
const ENTRY_MTIME = new Date(2020, 0, 1);
/** Optional entry carrying safetensors-style string metadata (the arch config); torch ignores it. */
const METADATA_ENTRY = 'hrm_lcb_metadata.json';

/** True when `bytes` start like a zip archive (local file header magic `PK\x03\x04`). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/** Parse a torch.save'd state dict; `source` names the file in errors. */
export function readTorchPt(bytes: Uint8Array, source: string): TensorFile {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new InputError(source, `.pt: not a readable zip archive (${(error as Error).message})`, {
      hint: 'files from torch < 1.6 or saved with _use_new_zipfile_serialization=False are not supported; re-save with a current torch',
    });
  }
  const names = Object.keys(entries);
  const first = names[0];
  if (first === undefined || !first.includes('/'))
    throw new InputError(source, '.pt: zip has no <archive>/ folder');
  const root = first.slice(0, first.indexOf('/') + 1);
  const pickle = entries[`${root}data.pkl`];
  if (pickle === undefined) throw new InputError(source, `.pt: zip has no ${root}data.pkl entry`);
  const byteorder = entries[`${root}byteorder`];
  if (byteorder !== undefined && strFromU8(byteorder).trim() !== 'little') {
    throw new InputError(
      source,
      `.pt: byteorder "${strFromU8(byteorder).trim()}" is not supported (only little)`,
    );
  }
  let value: PyValue;
  try {
    value = readPickle(pickle);
  } catch (error) {
    if (error instanceof PickleError) throw new InputError(source, `.pt: ${root}data.pkl: ${error.message}`);
    throw error;
  }
  if (!(value instanceof PyDict)) {
    throw new InputError(source, '.pt: the pickle is not a state dict (expected an OrderedDict of tensors)');
  }
  const tensors = new Map<string, StoredTensor>();
  for (const [key, tensor] of value.entries) {
    if (typeof key !== 'string') throw new InputError(source, '.pt: a state-dict key is not a string');
    if (!(tensor instanceof TensorRef)) {
      throw new InputError(source, '.pt: value is not a tensor (nested checkpoints are not state dicts)', {
        field: key,
      });
    }
    tensors.set(key, materialise(tensor, entries, root, source, key));
  }
  const extra = entries[`${root}${METADATA_ENTRY}`];
  return { tensors, metadata: extra === undefined ? {} : parseMetadata(extra, source) };
}

function parseMetadata(bytes: Uint8Array, source: string): Record<string, string> {
  const parsed: unknown = JSON.parse(strFromU8(bytes));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !Object.values(parsed).every((v) => typeof v === 'string')
  ) {
    throw new InputError(source, `.pt: ${METADATA_ENTRY} must map strings to strings`);
  }
  return parsed as Record<string, string>;
}

/** Copy a (possibly strided, offset, shared) view of a storage into contiguous bytes. */
function materialise(
  tensor: TensorRef,
  entries: Record<string, Uint8Array>,
  root: string,
  source: string,
  key: string,
): StoredTensor {
  const { storage, offset, shape, stride } = tensor;
  const dtype = dtypeOfTorchStorage(storage.storageClass);
  if (dtype === undefined)
    throw new InputError(source, `.pt: unknown storage ${storage.storageClass}`, { field: key });
  const bytes = DTYPES[dtype].bytes;
  const raw = entries[`${root}data/${storage.key}`];
  if (raw === undefined)
    throw new InputError(source, `.pt: storage entry ${root}data/${storage.key} is missing`, { field: key });
  if (raw.length !== storage.numel * bytes) {
    throw new InputError(
      source,
      `.pt: storage ${storage.key} holds ${raw.length} bytes, expected ${storage.numel} ${dtype} elements`,
      { field: key },
    );
  }
  const count = numel(shape);
  const out = new Uint8Array(count * bytes);
  if (count === 0) return { dtype, shape, data: out };
  let last = offset;
  for (let i = 0; i < shape.length; i += 1) last += (shape[i]! - 1) * stride[i]!;
  if (last >= storage.numel) {
    throw new InputError(source, `.pt: view reaches element ${last} of a ${storage.numel}-element storage`, {
      field: key,
    });
  }
  const contiguous = contiguousStrides(shape).every((s, i) => s === stride[i] || shape[i] === 1);
  if (contiguous) {
    out.set(raw.subarray(offset * bytes, (offset + count) * bytes));
    return { dtype, shape, data: out };
  }
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < count; n += 1) {
    let element = offset;
    for (let i = 0; i < shape.length; i += 1) element += index[i]! * stride[i]!;
    out.set(raw.subarray(element * bytes, (element + 1) * bytes), n * bytes);
    for (let i = shape.length - 1; i >= 0; i -= 1) {
      index[i]! += 1;
      if (index[i]! < shape[i]!) break;
      index[i] = 0;
    }
  }
  return { dtype, shape, data: out };
}

/**
 * Serialise tensors as a torch.save zip. `archive` is the top-level folder (torch uses the file's base name).
 * Non-empty metadata travels in an extra entry that torch ignores, so `convert` keeps the arch config.
 */
export function writeTorchPt(file: TensorFile, archive = 'archive'): Uint8Array {
  const pickled: PickledTensor[] = [];
  const storages = new Map<string, Uint8Array>();
  let index = 0;
  for (const [name, tensor] of file.tensors) {
    const key = String(index++);
    pickled.push({ name, key, shape: tensor.shape, storageClass: DTYPES[tensor.dtype].torchStorage });
    storages.set(key, tensor.data);
  }
  const ordered: [string, Uint8Array][] = [[`${archive}/data.pkl`, writeStateDictPickle(pickled)]];
  for (const key of [...storages.keys()].sort()) ordered.push([`${archive}/data/${key}`, storages.get(key)!]);
  if (Object.keys(file.metadata).length > 0) {
    ordered.push([`${archive}/${METADATA_ENTRY}`, new TextEncoder().encode(JSON.stringify(file.metadata))]);
  }
  ordered.push([`${archive}/version`, new TextEncoder().encode('3\n')]);
  return zipAligned(ordered);
}

/** Stored (uncompressed) zip whose every payload starts at a multiple of 64 bytes, like torch's writer. */
function zipAligned(ordered: [string, Uint8Array][]): Uint8Array {
  const zippable: Zippable = {};
  let offset = 0;
  let total = 0;
  for (const [name, data] of ordered) {
    const nameBytes = new TextEncoder().encode(name).length;
    const headerEnd = offset + 30 + nameBytes + 4; // local header + name + the padding field's own 4 bytes
    const pad = (ALIGNMENT - (headerEnd % ALIGNMENT)) % ALIGNMENT;
    zippable[name] = [
      data,
      { level: 0, mtime: ENTRY_MTIME, extra: { [PADDING_EXTRA_ID]: new Uint8Array(pad).fill(0x5a) } },
    ];
    offset = headerEnd + pad + data.length;
    total += data.length;
  }
  if (offset > 0xfffffffe || total > 0xfffffffe) {
    throw new RangeError('checkpoint exceeds 4 GiB, which needs ZIP64; write safetensors instead');
  }
  return zipSync(zippable);
}
