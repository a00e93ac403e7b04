/**
 * The model's persistent tensors as views into one Float32Array, laid out by the parameter table. The same
 * layout serves the weights, their gradients and each optimizer moment, so an update is one pass over a
 * flat array and a checkpoint is one walk of the table.
 */
import type { HrmConfig } from './config.ts';
import { type ParamSpec, paramTable } from './params.ts';

/** One named view per table row over a single float32 allocation. */
export class ParamBuffers {
  /** every element of every table row, in table order */
  readonly data: Float32Array;
  private readonly views = new Map<string, Float32Array>();
  private readonly offsets = new Map<string, number>();

  constructor(readonly table: readonly ParamSpec[]) {
    const total = table.reduce((sum, p) => sum + p.size, 0);
    this.data = new Float32Array(total);
    let offset = 0;
    for (const spec of table) {
      this.views.set(spec.name, this.data.subarray(offset, offset + spec.size));
      this.offsets.set(spec.name, offset);
      offset += spec.size;
    }
  }

  /** Allocate zeroed buffers for every tensor of a config's table. */
  static forConfig(config: HrmConfig): ParamBuffers {
    return new ParamBuffers(paramTable(config));
  }

  /** Buffers with the same layout (for gradients and optimizer moments), zeroed. */
  likeThis(): ParamBuffers {
    return new ParamBuffers(this.table);
  }

  /** The view of a table row; throws on a name that is not in the table. */
  get(name: string): Float32Array {
    const view = this.views.get(name);
    if (view === undefined) throw new RangeError(`no tensor named ${name} in the parameter table`);
    return view;
  }

  /** True when the table has a row of that name (puzzle_emb and embed_pos depend on the config). */
  has(name: string): boolean {
    return this.views.has(name);
  }

  /** Element offset of a row inside `data`. */
  offsetOf(name: string): number {
    const offset = this.offsets.get(name);
    if (offset === undefined) throw new RangeError(`no tensor named ${name} in the parameter table`);
    return offset;
  }

  /** A full copy (same layout). */
  clone(): ParamBuffers {
    const copy = this.likeThis();
    copy.data.set(this.data);
    return copy;
  }
}
