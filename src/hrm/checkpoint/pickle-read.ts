/**
 * A minimal, safe reader for the pickle inside a PyTorch `.pt` state dict (docs/hrm.md §9.3): exactly the
 * opcodes `torch.save(state_dict)` emits (protocol 2, plus the protocol-4 framing opcodes), and only the
 * globals a state dict needs (`collections.OrderedDict`, `torch._utils._rebuild_tensor_v2` and
 * `_rebuild_parameter`, torch storage classes). It never imports or calls anything: globals become inert
 * records. Any other opcode or global is rejected with the byte offset.
 */

/** A Python tuple (kept apart from lists so argument shapes can be checked). */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A Python dict or OrderedDict; `state` is what a BUILD attached (state_dict's `_metadata`). */
export class PyDict {
  readonly entries: [PyValue, PyValue][] = [];
  state: PyValue | undefined;
}

/** A `module name` global, never resolved to code. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A storage referenced through BINPERSID: ('storage', StorageClass, key, location, numel). */
export class StorageRef {
  constructor(
    readonly storageClass: string,
    readonly key: string,
    readonly location: string,
    readonly numel: number,
  ) {}
}

/** A tensor rebuilt by `_rebuild_tensor_v2(storage, storage_offset, size, stride, ...)`. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/** Any value the reader can produce. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyValue[]
  | PyTuple
  | PyDict
  | PyGlobal
  | StorageRef
  | TensorRef;

/** Raised for anything outside the state-dict subset; carries the byte offset of the opcode. */
export class PickleError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
    readonly opcode?: string,
  ) {
    super(`pickle byte ${offset}${opcode === undefined ? '' : ` (${opcode})`}: ${detail}`);
    this.name = 'PickleError';
  }
}

/** Names of the opcodes this reader accepts, for error messages. */
const OPCODE_NAMES = new Map<number, string>([
  [0x80, 'PROTO'],
  [0x95, 'FRAME'],
  [0x2e, 'STOP'],
  [0x28, 'MARK'],
  [0x29, 'EMPTY_TUPLE'],
  [0x74, 'TUPLE'],
  [0x85, 'TUPLE1'],
  [0x86, 'TUPLE2'],
  [0x87, 'TUPLE3'],
  [0x5d, 'EMPTY_LIST'],
  [0x61, 'APPEND'],
  [0x65, 'APPENDS'],
  [0x7d, 'EMPTY_DICT'],
  [0x73, 'SETITEM'],
  [0x75, 'SETITEMS'],
  [0x4a, 'BININT'],
  [0x4b, 'BININT1'],
  [0x4d, 'BININT2'],
  [0x8a, 'LONG1'],
  [0x58, 'BINUNICODE'],
  [0x8c, 'SHORT_BINUNICODE'],
  [0x88, 'NEWTRUE'],
  [0x89, 'NEWFALSE'],
  [0x4e, 'NONE'],
  [0x47, 'BINFLOAT'],
  [0x63, 'GLOBAL'],
  [0x93, 'STACK_GLOBAL'],
  [0x52, 'REDUCE'],
  [0x62, 'BUILD'],
  [0x51, 'BINPERSID'],
  [0x71, 'BINPUT'],
  [0x72, 'LONG_BINPUT'],
  [0x94, 'MEMOIZE'],
  [0x68, 'BINGET'],
  [0x6a, 'LONG_BINGET'],
]);

const ALLOWED_GLOBALS = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  // a dict of nn.Parameter (not what state_dict() returns, but what people save): the tensor inside counts
  'torch._utils._rebuild_parameter',
]);
const STORAGE_CLASS = /^(Double|Float|Half|BFloat16|Long|Int|Short|Char|Byte|Bool)Storage$/;

const MARK = Symbol('mark');
type StackItem = PyValue | typeof MARK;

/** Reads opcodes from a byte cursor; one small method per argument encoding. */
class Cursor {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): void {
    if (this.offset + n > this.bytes.length)
      throw new PickleError(this.offset, `truncated: needs ${n} more bytes`);
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }
  u64(): number {
    this.need(8);
    const v = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new PickleError(this.offset - 8, `length ${v} too large`);
    return Number(v);
  }
  f64be(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, false);
    this.offset += 8;
    return v;
  }
  raw(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  utf8(n: number): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.raw(n));
  }
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.offset);
    if (end < 0) throw new PickleError(this.offset, 'truncated: newline-terminated argument never ends');
    const text = new TextDecoder('latin1').decode(this.bytes.subarray(this.offset, end));
    this.offset = end + 1;
    return text;
  }
  /** LONG1 payload: little-endian two's complement, n bytes */
  long(n: number): number | bigint {
    const bytes = this.raw(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]!);
    if (n > 0 && bytes[n - 1]! & 0x80) value -= 1n << BigInt(8 * n);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
}

/** Parse a state-dict pickle into inert values; the result is normally a `PyDict` of `TensorRef`s. */
export function readPickle(bytes: Uint8Array): PyValue {
  const cursor = new Cursor(bytes);
  const stack: StackItem[] = [];
  const memo = new Map<number, PyValue>();
  let at = 0;
  const pop = (): PyValue => {
    const value = stack.pop();
    if (value === undefined || value === MARK) throw new PickleError(at, 'stack underflow');
    return value;
  };
  const top = (): PyValue => {
    const value = stack.at(-1);
    if (value === undefined || value === MARK) throw new PickleError(at, 'stack underflow');
    return value;
  };
  const popMark = (): PyValue[] => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) throw new PickleError(at, 'no MARK on the stack');
    const items = stack.splice(index) as PyValue[];
    items.shift();
    return items;
  };
  const get = (key: number): PyValue => {
    if (!memo.has(key)) throw new PickleError(at, `memo key ${key} was never stored`);
    return memo.get(key)!;
  };
  const setItems = (dict: PyValue, items: PyValue[]): void => {
    if (!(dict instanceof PyDict)) throw new PickleError(at, 'SETITEM(S) target is not a dict');
    if (items.length % 2 !== 0) throw new PickleError(at, 'SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) dict.entries.push([items[i]!, items[i + 1]!]);
  };
  for (;;) {
    at = cursor.offset;
    const op = cursor.u8();
    try {
      const result = step(op);
      if (result !== undefined) return result.value;
    } catch (error) {
      if (!(error instanceof PickleError) || error.opcode !== undefined) throw error;
      const name = OPCODE_NAMES.get(op);
      const detail = error.offset === at ? error.detail : `${error.detail} (at byte ${error.offset})`;
      throw new PickleError(at, detail, name ?? `0x${op.toString(16).padStart(2, '0')}`);
    }
  }

  /** Execute one opcode; returns the result on STOP. */
  function step(op: number): { value: PyValue } | undefined {
    switch (op) {
      case 0x80: // PROTO
        if (cursor.u8() > 5) throw new PickleError(at, 'unsupported pickle protocol');
        break;
      case 0x95: // FRAME
        cursor.u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1) throw new PickleError(at, `STOP with ${stack.length} items on the stack`);
        return { value: pop() };
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PyTuple([]));
        break;
      case 0x74: // TUPLE
        stack.push(new PyTuple(popMark()));
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const items = [pop()];
        for (let i = 0x85; i < op; i += 1) items.unshift(pop());
        stack.push(new PyTuple(items));
        break;
      }
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x61: {
        // APPEND
        const item = pop();
        const list = top();
        if (!Array.isArray(list)) throw new PickleError(at, 'APPEND target is not a list');
        list.push(item);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) throw new PickleError(at, 'APPENDS target is not a list');
        list.push(...items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new PyDict());
        break;
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x4a: // BININT
        stack.push(cursor.i32());
        break;
      case 0x4b: // BININT1
        stack.push(cursor.u8());
        break;
      case 0x4d: // BININT2
        stack.push(cursor.u16());
        break;
      case 0x8a: // LONG1
        stack.push(cursor.long(cursor.u8()));
        break;
      case 0x58: // BINUNICODE
        stack.push(cursor.utf8(cursor.u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(cursor.utf8(cursor.u8()));
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x47: // BINFLOAT
        stack.push(cursor.f64be());
        break;
      case 0x63: {
        // GLOBAL
        const module = cursor.line();
        const name = cursor.line();
        stack.push(checkedGlobal(module, name, at));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string')
          throw new PickleError(at, 'STACK_GLOBAL needs two strings');
        stack.push(checkedGlobal(module, name, at));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        stack.push(reduce(callable, args, at));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const target = top();
        if (!(target instanceof PyDict)) throw new PickleError(at, 'BUILD is only allowed on an OrderedDict');
        target.state = state;
        break;
      }
      case 0x51: // BINPERSID
        stack.push(persistentStorage(pop(), at));
        break;
      case 0x71: // BINPUT
        memo.set(cursor.u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(cursor.u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
        stack.push(get(cursor.u8()));
        break;
      case 0x6a: // LONG_BINGET
        stack.push(get(cursor.u32()));
        break;
      default:
        throw new PickleError(
          at,
          `opcode 0x${op.toString(16).padStart(2, '0')} is not part of a torch state dict`,
        );
    }
  }
}

function checkedGlobal(module: string, name: string, at: number): PyGlobal {
  const qualified = `${module}.${name}`;
  if (ALLOWED_GLOBALS.has(qualified) || (module === 'torch' && STORAGE_CLASS.test(name))) {
    return new PyGlobal(module, name);
  }
  throw new PickleError(
    at,
    `global ${qualified} is not allowed in a state dict (only OrderedDict, _rebuild_tensor_v2 and storages)`,
  );
}

function isInt(value: PyValue): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function intTuple(value: PyValue, what: string, at: number): number[] {
  if (!(value instanceof PyTuple) || !value.items.every(isInt)) {
    throw new PickleError(at, `${what} must be a tuple of non-negative ints`);
  }
  return value.items as number[];
}

function reduce(callable: PyValue, args: PyValue, at: number): PyValue {
  if (!(callable instanceof PyGlobal)) throw new PickleError(at, 'REDUCE on something that is not a global');
  if (!(args instanceof PyTuple)) throw new PickleError(at, 'REDUCE arguments are not a tuple');
  if (callable.qualified === 'collections.OrderedDict') {
    if (args.items.length !== 0) throw new PickleError(at, 'OrderedDict() must be called without arguments');
    return new PyDict();
  }
  if (callable.qualified === 'torch._utils._rebuild_tensor_v2') {
    const [storage, offset, size, stride] = args.items;
    if (args.items.length < 6 || args.items.length > 7) {
      throw new PickleError(at, `_rebuild_tensor_v2 takes 6 or 7 arguments, got ${args.items.length}`);
    }
    if (!(storage instanceof StorageRef))
      throw new PickleError(at, '_rebuild_tensor_v2: first argument is not a storage');
    if (!isInt(offset ?? null)) throw new PickleError(at, '_rebuild_tensor_v2: storage offset is not an int');
    const shape = intTuple(size ?? null, '_rebuild_tensor_v2 size', at);
    const strides = intTuple(stride ?? null, '_rebuild_tensor_v2 stride', at);
    if (shape.length !== strides.length)
      throw new PickleError(at, '_rebuild_tensor_v2: size and stride differ in length');
    return new TensorRef(storage, offset as number, shape, strides);
  }
  if (callable.qualified === 'torch._utils._rebuild_parameter') {
    const [data] = args.items;
    if (!(data instanceof TensorRef))
      throw new PickleError(at, '_rebuild_parameter: first argument is not a tensor');
    return data;
  }
  throw new PickleError(at, `calling ${callable.qualified} is not allowed`);
}

function persistentStorage(pid: PyValue, at: number): StorageRef {
  if (!(pid instanceof PyTuple) || pid.items.length !== 5) {
    throw new PickleError(at, "persistent id is not a ('storage', class, key, location, numel) tuple");
  }
  const [tag, cls, key, location, count] = pid.items;
  if (tag !== 'storage')
    throw new PickleError(at, `persistent id tag ${JSON.stringify(tag)} is not 'storage'`);
  if (!(cls instanceof PyGlobal) || cls.module !== 'torch' || !STORAGE_CLASS.test(cls.name)) {
    throw new PickleError(at, 'persistent id does not name a torch storage class');
  }
  if (typeof key !== 'string' || typeof location !== 'string' || !isInt(count ?? null)) {
    throw new PickleError(at, 'persistent id has a bad key, location or element count');
  }
  return new StorageRef(cls.name, key, location, count as number);
}
