/**
 * Where each scenario's files are, for `--dataset DIR|sample`. DIR is laid out like the Hugging Face
 * downloads (docs/data.md): either a root holding folders named after the HF repos, or one such folder:
 *
 *   DIR/code_generation_lite/test.jsonl … test6.jsonl     code generation + self-repair (release files)
 *   DIR/code_generation/test.jsonl                         the un-pruned set (`--not-fast`)
 *   DIR/test_generation/test.parquet (or *.jsonl)          test output prediction
 *   DIR/execution-v2/data/test-*.parquet (or *.jsonl)      code execution
 *   DIR/cruxeval/cruxeval.jsonl                            CRUXEval, used for code execution when
 *                                                          there is no execution-v2 folder
 * A folder holding `test.jsonl` directly is read as `code_generation_lite`; one holding `cruxeval.jsonl`
 * as CRUXEval. `sample` is the embedded sample set in `data/sample/`, laid out the same way.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';

/** The embedded sample set's directory. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample', import.meta.url));

/** The name `--dataset` takes for the embedded sample. */
export const SAMPLE_NAME = 'sample';

/** A table-shaped data set (test_generation, execution-v2, CRUXEval): its files and their format. */
export interface TableFiles {
  format: 'parquet' | 'jsonl';
  files: string[];
}

/** The files of each scenario found at a dataset location; `null` where that part is absent. */
export interface DatasetLayout {
  /** `sample` or the directory as the user gave it */
  label: string;
  root: string;
  /** directory holding the release files test.jsonl … test6.jsonl */
  codeGenerationLite: string | null;
  /** directory holding the un-pruned `test.jsonl` */
  codeGeneration: string | null;
  testGeneration: TableFiles | null;
  execution: (TableFiles & { kind: 'execution-v2' | 'cruxeval' }) | null;
}

const FOLDERS = [
  'code_generation_lite',
  'code_generation',
  'test_generation',
  'execution-v2',
  'cruxeval',
] as const;

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files under `dir` (recursively, skipping dot folders such as HF's `.cache`) ending in `ext`, sorted. */
function filesWithExtension(dir: string, ext: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(current, name);
      if (isDir(path)) walk(path);
      else if (name.endsWith(ext)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

function tableFiles(dir: string): TableFiles | null {
  const parquet = filesWithExtension(dir, '.parquet');
  if (parquet.length > 0) return { format: 'parquet', files: parquet };
  const jsonl = filesWithExtension(dir, '.jsonl');
  return jsonl.length > 0 ? { format: 'jsonl', files: jsonl } : null;
}

function emptyLayout(label: string, root: string): DatasetLayout {
  return {
    label,
    root,
    codeGenerationLite: null,
    codeGeneration: null,
    testGeneration: null,
    execution: null,
  };
}

function fillFolder(layout: DatasetLayout, kind: (typeof FOLDERS)[number], dir: string): void {
  if (kind === 'code_generation_lite') layout.codeGenerationLite = dir;
  else if (kind === 'code_generation') layout.codeGeneration = dir;
  else if (kind === 'test_generation') layout.testGeneration = tableFiles(dir);
  else if (kind === 'execution-v2') {
    const files = tableFiles(dir);
    if (files !== null) layout.execution = { ...files, kind: 'execution-v2' };
  } else if (layout.execution === null) {
    const files = tableFiles(dir);
    if (files !== null) layout.execution = { ...files, kind: 'cruxeval' };
  }
}

/** Find each scenario's files at `location` (`sample` or a directory); an `InputError` if there are none. */
export function resolveDataset(location: string): DatasetLayout {
  const root = location === SAMPLE_NAME ? SAMPLE_DIR : location;
  const label = location === SAMPLE_NAME ? SAMPLE_NAME : location;
  if (!isDir(root)) {
    throw new InputError(location, existsSync(root) ? 'not a directory' : 'no such directory', {
      hint: 'pass --dataset sample, or a directory laid out like the Hugging Face downloads (docs/data.md)',
    });
  }
  const layout = emptyLayout(label, root);
  const own = FOLDERS.find((name) => name === basename(root.replace(/\/+$/, '')));
  if (own !== undefined) {
    fillFolder(layout, own, root);
  } else {
    for (const name of FOLDERS) if (isDir(join(root, name))) fillFolder(layout, name, join(root, name));
    if (layout.codeGenerationLite === null && existsSync(join(root, 'test.jsonl')))
      layout.codeGenerationLite = root;
    if (layout.execution === null && existsSync(join(root, 'cruxeval.jsonl'))) {
      layout.execution = { kind: 'cruxeval', format: 'jsonl', files: [join(root, 'cruxeval.jsonl')] };
    }
  }
  const found =
    layout.codeGenerationLite ?? layout.codeGeneration ?? layout.testGeneration ?? layout.execution ?? null;
  if (found === null) {
    throw new InputError(location, 'holds no LiveCodeBench data', {
      hint: `expected ${FOLDERS.join('/, ')}/ folders or release files test.jsonl … (docs/data.md)`,
    });
  }
  return layout;
}
