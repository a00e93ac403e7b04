#!/usr/bin/python3
"""Expected numbers for test/tensor/, computed with Debian's torch 1.13 (run with /usr/bin/python3).

Run once at authoring time; the output, torch.json, is committed so the tests need no Python:
    /usr/bin/python3 test/tensor/expected/make_expected.py > test/tensor/expected/torch.json
"""
import json
import math
import struct

import torch


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def bf16_cases():
    # Bit patterns chosen to hit every rounding rule: exact values, ties to even (down and up), just
    # above/below ties, the largest finite bf16, overflow to inf, ±inf, subnormals, ±0, NaNs.
    patterns = [
        0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F808000, 0x3F818000, 0x3F808001, 0x3F807FFF,
        0x3F80FFFF, 0x7F7F0000, 0x7F7F7FFF, 0x7F7F8000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000,
        0x00000001, 0x00008000, 0x00018000, 0x807FFFFF, 0x00800000, 0x40490FDB, 0xC02DF854, 0x3DCCCCCD,
        0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FFFFFFF,
    ]
    x = torch.tensor(patterns, dtype=torch.int64).to(torch.int32).view(torch.float32)
    scalar = [int(torch.tensor(float(v)).to(torch.bfloat16).view(torch.int16).item()) & 0xFFFF for v in x.tolist()]
    vector = [int(v) & 0xFFFF for v in x.to(torch.bfloat16).view(torch.int16).tolist()]
    # widening: every bf16 pattern listed maps to the f32 bits of its value
    widen_bits = [0x0000, 0x8000, 0x3F80, 0x7F7F, 0x7F80, 0xFF80, 0x0001, 0x7FC0, 0xFFFF, 0x4049, 0xC02E]
    widened = torch.tensor(widen_bits, dtype=torch.int32).to(torch.int16).view(torch.bfloat16).float()
    return {
        "f32_bits": patterns,
        "bf16_scalar_cast": scalar,
        "bf16_vector_cast": vector,
        "widen_bf16_bits": widen_bits,
        "widen_f32_bits": [f32_bits(v) if not math.isnan(v) else None for v in widened.tolist()],
    }


def erf_cases():
    xs = [-3.0, -1.5, -0.5, 0.0, 0.1, 0.7071067811865476, 1.0, 1.4142135623730951, 2.5, 4.0]
    ys = [-0.999, -0.9544997361036416, -0.5, -1e-6, 0.0, 0.25, 0.5, 0.9, 0.99, 0.999999]
    erf = torch.erf(torch.tensor(xs, dtype=torch.float64)).tolist()
    erfinv = torch.erfinv(torch.tensor(ys, dtype=torch.float64)).tolist()
    return {"erf_x": xs, "erf": erf, "erfinv_y": ys, "erfinv": erfinv}


def rope_tables(seq, dim, base, rows=None):
    # upstream RotaryEmbedding (models/layers.py), float32 throughout; `rows` keeps only some positions
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
    t = torch.arange(seq, dtype=torch.float32)
    freqs = torch.outer(t, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    rows = list(range(seq)) if rows is None else rows
    return {"seq": seq, "dim": dim, "theta": base, "rows": rows,
            "cos": emb.cos()[rows].tolist(), "sin": emb.sin()[rows].tolist()}


print(json.dumps({
    "torch": torch.__version__,
    "bf16": bf16_cases(),
    "erf": erf_cases(),
    "rope": [rope_tables(17, 16, 10000.0), rope_tables(513, 64, 10000.0, [0, 1, 2, 100, 255, 511, 512])],
}))
