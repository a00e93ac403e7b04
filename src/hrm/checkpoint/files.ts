/**
 * Checkpoint files on disk: the format is sniffed from the bytes when reading (safetensors or a torch zip,
 * whatever the extension: upstream's `step_<N>` has none) and chosen from the extension when writing.
 * Writes are atomic.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { InputError, UserError } from '../../core/errors.ts';
import { looksLikeSafetensors, readSafetensors, writeSafetensors } from './safetensors.ts';
import type { TensorFile } from './stored-tensor.ts';
import { looksLikeZip, readTorchPt, writeTorchPt } from './torch-pt.ts';

/** On-disk checkpoint formats. */
export type CheckpointFormat = 'safetensors' | 'pt';

/** A tensor file read from disk, with the format it was in. */
export interface LoadedTensorFile extends TensorFile {
  format: CheckpointFormat;
  path: string;
}

/** Read a safetensors or torch `.pt` file, sniffing the format from its first bytes. */
export async function readTensorFile(path: string): Promise<LoadedTensorFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseTensorFile(bytes, path);
}

/** Parse checkpoint bytes of either format; `path` names the source in errors. */
export function parseTensorFile(bytes: Uint8Array, path: string): LoadedTensorFile {
  if (looksLikeZip(bytes)) return { ...readTorchPt(bytes, path), format: 'pt', path };
  if (looksLikeSafetensors(bytes)) return { ...readSafetensors(bytes, path), format: 'safetensors', path };
  throw new InputError(path, 'neither a safetensors file nor a PyTorch zip checkpoint', {
    hint: 'hrm-lcb reads .safetensors and torch.save (zip) state dicts',
  });
}

/** The format a path's extension asks for: `.safetensors` or torch (`.pt`, `.pth`, `.bin`, or none). */
export function formatForPath(path: string): CheckpointFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.safetensors') return 'safetensors';
  if (ext === '' || ext === '.pt' || ext === '.pth' || ext === '.bin' || ext === '.ckpt') return 'pt';
  throw new UserError(`cannot tell the checkpoint format of ${path} from its extension "${ext}"`, {
    hint: 'use .safetensors, or .pt / .pth / no extension for a torch.save file',
  });
}

/** Serialise a tensor file in the format `format` (default: from the path's extension). */
export function encodeTensorFile(file: TensorFile, path: string, format = formatForPath(path)): Uint8Array {
  if (format === 'safetensors') return writeSafetensors(file);
  const name = basename(path, extname(path)).replace(/[^A-Za-z0-9_.-]/g, '_') || 'archive';
  return writeTorchPt(file, name);
}

/** Write a tensor file atomically in the format its extension names (or `format`). */
export async function writeTensorFile(
  path: string,
  file: TensorFile,
  format?: CheckpointFormat,
): Promise<void> {
  await writeFileAtomic(path, encodeTensorFile(file, path, format));
}
