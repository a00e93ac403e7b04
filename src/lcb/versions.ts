/**
 * Release-version tags of `livecodebench/code_generation_lite` and the files each one reads, as the HF
 * loading script's `ALLOWED_FILES` maps them (docs/lcb.md §2.1): `release_vN` is cumulative (test.jsonl …
 * testN.jsonl), `release_latest` is every file, `vN` is file N alone, `vA_vB` is files A..B (A < B).
 */

/** The release files in order; file N holds the problems `release_vN` added. */
export const RELEASE_FILES = [
  'test.jsonl',
  'test2.jsonl',
  'test3.jsonl',
  'test4.jsonl',
  'test5.jsonl',
  'test6.jsonl',
] as const;

/** The newest release number known to the table. */
export const LATEST_RELEASE = RELEASE_FILES.length;

/** LCB's default `--release_version`. */
export const DEFAULT_RELEASE_VERSION = 'release_latest';

function fileRange(first: number, last: number): string[] {
  return RELEASE_FILES.slice(first - 1, last);
}

function releaseNumber(text: string): number | undefined {
  if (!/^[1-9]\d*$/.test(text)) return undefined;
  const n = Number(text);
  return n <= LATEST_RELEASE ? n : undefined;
}

/** Every tag LCB knows, in a stable order: release_v1…, release_latest, v1…, then every vA_vB. */
export function releaseVersionTags(): string[] {
  const tags: string[] = [];
  for (let n = 1; n <= LATEST_RELEASE; n++) tags.push(`release_v${n}`);
  tags.push('release_latest');
  for (let n = 1; n <= LATEST_RELEASE; n++) tags.push(`v${n}`);
  for (let a = 1; a <= LATEST_RELEASE; a++) {
    for (let b = a + 1; b <= LATEST_RELEASE; b++) tags.push(`v${a}_v${b}`);
  }
  return tags;
}

/** The release files a version tag reads, in load order; `undefined` for an unknown tag. */
export function releaseFiles(tag: string): string[] | undefined {
  if (tag === 'release_latest') return fileRange(1, LATEST_RELEASE);
  let match = /^release_v(\d+)$/.exec(tag);
  if (match !== null) {
    const n = releaseNumber(match[1]!);
    return n === undefined ? undefined : fileRange(1, n);
  }
  match = /^v(\d+)$/.exec(tag);
  if (match !== null) {
    const n = releaseNumber(match[1]!);
    return n === undefined ? undefined : fileRange(n, n);
  }
  match = /^v(\d+)_v(\d+)$/.exec(tag);
  if (match !== null) {
    const a = releaseNumber(match[1]!);
    const b = releaseNumber(match[2]!);
    return a === undefined || b === undefined || a >= b ? undefined : fileRange(a, b);
  }
  return undefined;
}

/** Whether `tag` is a release-version tag LCB accepts. */
export function isReleaseVersion(tag: string): boolean {
  return releaseFiles(tag) !== undefined;
}
