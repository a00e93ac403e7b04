/**
 * The modules a slot's fork-server imports once, before it forks runs. A run may import anything else
 * itself; pre-importing only makes the common imports free (docs/lcb.md §6.3 lists the LCB header).
 */
import type { SandboxProfile } from './types.ts';

/** The modules of LCB's import header (`lcb_runner/evaluation/testing_util.py`, `import_string`). */
const LCB_HEADER_MODULES = [
  'string',
  're',
  'datetime',
  'collections',
  'heapq',
  'bisect',
  'copy',
  'math',
  'random',
  'statistics',
  'itertools',
  'functools',
  'operator',
  'io',
  'sys',
  'json',
  'builtins',
  'typing',
];

/**
 * What the LCB harness and typical solutions import on top of the header. Not `threading`: its at-fork
 * hook makes every fork about 0.3 ms dearer, more than the import costs the few programs that use it.
 */
const LCB_HARNESS_MODULES = [
  'ast',
  'decimal',
  'fractions',
  'array',
  'signal',
  'faulthandler',
  'resource',
  'traceback',
  'linecache',
  'tokenize',
  'types',
];

/** Module names each profile's fork-server imports, in order. */
export const PROFILE_MODULES: Readonly<Record<SandboxProfile, readonly string[]>> = {
  lcb: [...LCB_HEADER_MODULES, ...LCB_HARNESS_MODULES],
  // LCB's code-execution grader imports numpy and pandas in every program (docs/lcb.md §18.13)
  scientific: [...LCB_HEADER_MODULES, ...LCB_HARNESS_MODULES, 'numpy', 'pandas'],
};

/** Every profile name, for flag validation and help. */
export const PROFILES: readonly SandboxProfile[] = ['lcb', 'scientific'];
