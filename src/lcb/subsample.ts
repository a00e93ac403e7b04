/**
 * Seeded, reproducible subsampling stratified by a key (scenario × difficulty). Each stratum gets a share
 * proportional to its size (largest remainder, ties by stratum name); inside a stratum the items with the
 * smallest `sha256(seed, id)` are kept. The choice depends only on the seed and the ids, not on input
 * order, and growing the data set keeps most earlier picks.
 */
import { createHash } from 'node:crypto';

/** How to subsample: target size, seed, and each item's id and stratum. */
export interface SubsampleSpec<T> {
  size: number;
  seed: number;
  id: (item: T) => string;
  stratum: (item: T) => string;
}

function rank(seed: number, id: string): string {
  return createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');
}

/** How many items each stratum contributes: proportional shares, rounded by largest remainder. */
export function allocateStrata(sizes: ReadonlyMap<string, number>, total: number): Map<string, number> {
  const available = [...sizes.values()].reduce((a, b) => a + b, 0);
  const target = Math.min(total, available);
  const names = [...sizes.keys()].sort();
  const quotas = new Map<string, number>();
  const remainders: Array<{ name: string; remainder: number }> = [];
  let given = 0;
  for (const name of names) {
    const exact = (sizes.get(name)! * target) / available;
    const floor = Math.floor(exact);
    quotas.set(name, floor);
    given += floor;
    remainders.push({ name, remainder: exact - floor });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || (a.name < b.name ? -1 : 1));
  for (const { name } of remainders) {
    if (given >= target) break;
    if (quotas.get(name)! < sizes.get(name)!) {
      quotas.set(name, quotas.get(name)! + 1);
      given += 1;
    }
  }
  return quotas;
}

/**
 * Keep `spec.size` items (all of them when there are fewer), stratified as described above. The kept
 * items come back in their input order.
 */
export function stratifiedSubsample<T>(items: readonly T[], spec: SubsampleSpec<T>): T[] {
  if (items.length <= spec.size) return [...items];
  const strata = new Map<string, number[]>();
  items.forEach((item, index) => {
    const name = spec.stratum(item);
    const members = strata.get(name);
    if (members === undefined) strata.set(name, [index]);
    else members.push(index);
  });
  const quotas = allocateStrata(
    new Map([...strata].map(([name, members]) => [name, members.length])),
    spec.size,
  );
  const keep = new Set<number>();
  for (const [name, members] of strata) {
    const ranked = members
      .map((index) => ({ index, rank: rank(spec.seed, spec.id(items[index]!)) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.index - b.index));
    for (const { index } of ranked.slice(0, quotas.get(name)!)) keep.add(index);
  }
  return items.filter((_, index) => keep.has(index));
}
