/**
 * Writes the pickle of a state dict the way `torch.save(state_dict)` does (protocol 2; docs/hrm.md §9.3):
 * an `OrderedDict` whose values are `_rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())`,
 * each storage a persistent id ('storage', torch.<Dtype>Storage, key, 'cpu', numel). Only those globals are
 * used, so torch >= 2.6 loads the file with its default `weights_only=True`.
 */

/** One tensor entry to pickle: its storage is the whole contiguous tensor. */
export interface PickledTensor {
  name: string;
  /** torch storage class, e.g. `FloatStorage` */
  storageClass: string;
  /** zip entry key under `data/` */
  key: string;
  shape: readonly number[];
}

const OP = {
  PROTO: 0x80,
  GLOBAL: 0x63,
  EMPTY_TUPLE: 0x29,
  REDUCE: 0x52,
  MARK: 0x28,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  SETITEMS: 0x75,
  BINUNICODE: 0x58,
  BININT1: 0x4b,
  BININT2: 0x4d,
  BININT: 0x4a,
  LONG1: 0x8a,
  NEWFALSE: 0x89,
  BINPERSID: 0x51,
  STOP: 0x2e,
} as const;

/** Opcode emitter over a growable byte buffer. */
class PickleBuilder {
  private bytes = new Uint8Array(1024);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  op(code: number): this {
    this.ensure(1);
    this.bytes[this.length++] = code;
    return this;
  }
  raw(data: Uint8Array): this {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
    return this;
  }
  global(module: string, name: string): this {
    return this.op(OP.GLOBAL).raw(new TextEncoder().encode(`${module}\n${name}\n`));
  }
  string(text: string): this {
    const utf8 = new TextEncoder().encode(text);
    const header = new Uint8Array(5);
    header[0] = OP.BINUNICODE;
    new DataView(header.buffer).setUint32(1, utf8.length, true);
    return this.raw(header).raw(utf8);
  }
  int(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot pickle ${value} as a size`);
    if (value < 0x100) return this.op(OP.BININT1).raw(Uint8Array.of(value));
    if (value < 0x10000) return this.op(OP.BININT2).raw(Uint8Array.of(value & 0xff, value >>> 8));
    if (value < 0x80000000) {
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setInt32(0, value, true);
      return this.op(OP.BININT).raw(bytes);
    }
    // LONG1: little-endian two's complement with a sign bit to spare
    const digits: number[] = [];
    let rest = BigInt(value);
    while (rest > 0n) {
      digits.push(Number(rest & 0xffn));
      rest >>= 8n;
    }
    if (digits.at(-1)! & 0x80) digits.push(0);
    return this.op(OP.LONG1).raw(Uint8Array.of(digits.length, ...digits));
  }
  intTuple(values: readonly number[]): this {
    if (values.length === 0) return this.op(OP.EMPTY_TUPLE);
    if (values.length > 3) this.op(OP.MARK);
    for (const v of values) this.int(v);
    if (values.length > 3) return this.op(OP.TUPLE);
    return this.op([OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][values.length - 1]!);
  }
  emptyOrderedDict(): this {
    return this.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Row-major contiguous strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i -= 1) {
    strides[i] = step;
    step *= shape[i]!;
  }
  return strides;
}

/** The `data.pkl` bytes of an OrderedDict state dict holding `tensors` in order. */
export function writeStateDictPickle(tensors: readonly PickledTensor[]): Uint8Array {
  const out = new PickleBuilder();
  out.op(OP.PROTO).raw(Uint8Array.of(2));
  out.emptyOrderedDict();
  if (tensors.length > 0) out.op(OP.MARK);
  for (const tensor of tensors) {
    const numel = tensor.shape.reduce((a, b) => a * b, 1);
    out.string(tensor.name);
    out.global('torch._utils', '_rebuild_tensor_v2');
    out.op(OP.MARK); // arguments of _rebuild_tensor_v2
    out.op(OP.MARK).string('storage').global('torch', tensor.storageClass).string(tensor.key).string('cpu');
    out.int(numel).op(OP.TUPLE).op(OP.BINPERSID);
    out.int(0).intTuple(tensor.shape).intTuple(contiguousStrides(tensor.shape));
    out.op(OP.NEWFALSE).emptyOrderedDict(); // requires_grad, backward_hooks
    out.op(OP.TUPLE).op(OP.REDUCE);
  }
  if (tensors.length > 0) out.op(OP.SETITEMS);
  out.op(OP.STOP);
  return out.result();
}
