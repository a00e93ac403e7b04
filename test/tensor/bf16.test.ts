// bf16 ⇄ f32 conversion on both backends against torch 1.13 (expected/torch.json, made by
// expected/make_expected.py): round-to-nearest-even, overflow to inf, subnormals, ±0, ±inf and NaNs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { backendsUnderTest } from './helpers.ts';

const expected = JSON.parse(readFileSync(new URL('./expected/torch.json', import.meta.url), 'utf8')) as {
  bf16: {
    f32_bits: number[];
    bf16_scalar_cast: number[];
    bf16_vector_cast: number[];
    widen_bf16_bits: number[];
    widen_f32_bits: (number | null)[];
  };
};
const cases = expected.bf16;
const hex = (n: number) => `0x${n.toString(16)}`;

for (const b of backendsUnderTest()) {
  describe(`bf16 conversion agrees with torch [${b.name}]`, { skip: b.skip }, () => {
    it("narrows like c10::BFloat16 (torch's scalar cast), bit for bit", () => {
      const { kernels: k } = b.get();
      const x = new Float32Array(new Uint32Array(cases.f32_bits).buffer);
      const out = new Uint16Array(x.length);
      k.f32ToBf16(out, x, x.length);
      for (const [i, want] of cases.bf16_scalar_cast.entries()) {
        assert.equal(hex(out[i]!), hex(want), `f32 bits ${hex(cases.f32_bits[i]!)}`);
      }
    });

    it("agrees with torch's vectorised cast except for the NaN payload, which stays a NaN", () => {
      const { kernels: k } = b.get();
      const x = new Float32Array(new Uint32Array(cases.f32_bits).buffer);
      const out = new Uint16Array(x.length);
      k.f32ToBf16(out, x, x.length);
      const widened = new Float32Array(out.length);
      k.bf16ToF32(widened, out, out.length);
      for (const [i, want] of cases.bf16_vector_cast.entries()) {
        if (Number.isNaN(x[i]!))
          assert.ok(Number.isNaN(widened[i]!), `NaN ${hex(cases.f32_bits[i]!)} stays NaN`);
        else assert.equal(hex(out[i]!), hex(want), `f32 bits ${hex(cases.f32_bits[i]!)}`);
      }
    });

    it('widens exactly', () => {
      const { kernels: k } = b.get();
      const bits = Uint16Array.from(cases.widen_bf16_bits);
      const out = new Float32Array(bits.length);
      k.bf16ToF32(out, bits, bits.length);
      const outBits = new Uint32Array(out.buffer);
      for (const [i, want] of cases.widen_f32_bits.entries()) {
        if (want === null) assert.ok(Number.isNaN(out[i]!), `bf16 ${hex(bits[i]!)} is NaN`);
        else assert.equal(hex(outBits[i]!), hex(want), `bf16 ${hex(bits[i]!)}`);
      }
    });

    it('round-trips every bf16 value exactly (all 65536 patterns)', () => {
      const { kernels: k } = b.get();
      const bits = new Uint16Array(65536).map((_, i) => i);
      const f = new Float32Array(65536);
      k.bf16ToF32(f, bits, bits.length);
      const back = new Uint16Array(65536);
      k.f32ToBf16(back, f, f.length);
      for (let i = 0; i < 65536; i++) {
        const isNan = (i & 0x7fff) > 0x7f80;
        if (isNan) assert.equal(back[i], 0x7fc0, `NaN ${hex(i)} becomes the quiet NaN`);
        else if (back[i] !== i) assert.fail(`bf16 ${hex(i)} came back as ${hex(back[i]!)}`);
      }
    });
  });
}
