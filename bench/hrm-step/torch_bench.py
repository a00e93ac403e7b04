"""PyTorch side of bench/hrm-step: `check` compares hrm_torch.py with the golden fixtures; `run` times train
steps or an eval rollout of a given config, weights (.pt) and batch, and prints one JSON line.

Run with Debian's /usr/bin/python3 (torch 1.13, installed by scripts/setup.sh).
"""

import argparse
import json
import os
import resource
import struct
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hrm_torch import HRM, Trainer, loss_head  # noqa: E402

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "BOOL": np.bool_, "U8": np.uint8}


def read_safetensors(path):
    """A minimal safetensors reader (numpy), enough for the fixtures and the benchmark batches."""
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8 : 8 + n])
    meta = header.pop("__metadata__", {})
    out = {}
    for key, entry in header.items():
        begin, end = entry["data_offsets"]
        arr = np.frombuffer(data[8 + n + begin : 8 + n + end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        out[key] = torch.from_numpy(arr.copy())
    return out, meta


def write_safetensors(path, tensors):
    """A minimal safetensors writer (float32 / int32 / float64 tensors)."""
    names = {torch.float32: "F32", torch.int32: "I32", torch.float64: "F64"}
    header, blobs, offset = {}, [], 0
    for key, t in tensors.items():
        data = t.detach().contiguous().numpy().tobytes()
        header[key] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def batch_of(tensors, prefix=""):
    return {
        "inputs": tensors[prefix + "inputs"].to(torch.int32),
        "labels": tensors[prefix + "labels"].to(torch.int32),
        "puzzle_identifiers": tensors[prefix + "puzzle_identifiers"].to(torch.int32),
    }


def max_diff(a, b):
    return float((a.to(torch.float64) - b.to(torch.float64)).abs().max())


def check(fixtures):
    """Eval rollouts of tiny_a and tiny_b and 5 tiny_a training steps against the fixtures."""
    report = {}
    for name in ("tiny_a", "tiny_b"):
        cfg = json.load(open(f"{fixtures}/{name}/eval_metrics.json"))["config"]
        weights, _ = read_safetensors(f"{fixtures}/{name}/weights.safetensors")
        batch = batch_of(read_safetensors(f"{fixtures}/{name}/eval_batch.safetensors")[0])
        steps, _ = read_safetensors(f"{fixtures}/{name}/eval_steps.safetensors")
        model = HRM(cfg, weights)
        carry = model.initial_carry(batch)
        worst = 0.0
        with torch.no_grad():
            for k in range(1, cfg["halt_max_steps"] + 1):
                carry, out = model.act(carry, batch, False)
                worst = max(worst, max_diff(out["logits"], steps[f"step{k}.logits"]))
                worst = max(worst, max_diff(out["q_halt"], steps[f"step{k}.q_halt_logits"]))
                worst = max(worst, max_diff(carry["zH"], steps[f"step{k}.z_H"]))
                assert torch.equal(carry["halted"], steps[f"step{k}.halted"]), f"{name} step{k} halted"
                assert torch.equal(carry["steps"], steps[f"step{k}.steps"]), f"{name} step{k} steps"
        report[f"{name}_eval_max_abs_diff"] = worst
        assert worst < 1e-4, f"{name} eval differs by {worst}"
    train = json.load(open(f"{fixtures}/tiny_a/train_metrics.json"))
    weights = torch.load(f"{fixtures}/tiny_a/weights.pt")
    model = HRM(train["config"], weights)
    hyper = dict(train["train"], total_steps=train["train"]["total_steps"])
    trainer = Trainer(model, hyper)
    batches, _ = read_safetensors(f"{fixtures}/tiny_a/train_batches.safetensors")
    loss_diff = 0.0
    for expected in train["steps"]:
        loss, _, _ = trainer.train_step(batch_of(batches, f"step{expected['step']}."))
        loss_diff = max(loss_diff, abs(loss - expected["loss"]))
    final, _ = read_safetensors(f"{fixtures}/tiny_a/train_params_after_5.safetensors")
    param_diff = max(max_diff(model.w[k[len("model.inner.") :]], v) for k, v in final.items())
    report.update(train_loss_max_abs_diff=loss_diff, params_after_5_max_abs_diff=param_diff)
    assert loss_diff < 1e-4, f"train loss differs by {loss_diff}"
    assert param_diff < 2e-6, f"params after 5 steps differ by {param_diff}"
    return report


def run(args):
    cfg = json.load(open(args.config))
    hyper = json.load(open(args.hyper)) if args.hyper else None
    model = HRM(cfg, torch.load(args.weights))
    batch = batch_of(read_safetensors(args.batch)[0])
    times, first = [], None
    if args.mode == "train":
        trainer = Trainer(model, hyper)
        for _ in range(args.reps + 1):
            start = time.perf_counter()
            loss, metrics, out = trainer.train_step(batch)
            times.append((time.perf_counter() - start) * 1000)
            if first is None:
                first = {"loss": loss, "logits_abs_sum": float(out["logits"].detach().abs().sum(dtype=torch.float64))}
    else:
        for _ in range(args.reps + (1 if args.warmup else 0)):
            start = time.perf_counter()
            with torch.no_grad():
                carry = model.initial_carry(batch)
                for k in range(args.steps):
                    carry, out = model.act(carry, batch, False)
                    if first is None:  # compared after step 1: later steps amplify float32 rounding chaotically
                        loss, _ = loss_head(carry, out)
                        first = {"loss": float(loss), "logits_abs_sum": float(out["logits"].abs().sum(dtype=torch.float64))}
                loss, metrics = loss_head(carry, out)
            times.append((time.perf_counter() - start) * 1000)
        if not args.warmup:
            times = [0.0] + times
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": times[1:], "first": first, "peak_rss_mib": peak, "threads": torch.get_num_threads()}))


def grads(args):
    """One training step; writes every parameter gradient, the puzzle rows' gradient, the loss and the
    parameters after both optimizers (upstream names), for tests of hrm-lcb's backward."""
    cfg = json.load(open(args.config))
    model = HRM(cfg, torch.load(args.weights))
    trainer = Trainer(model, json.load(open(args.hyper)))
    batch = batch_of(read_safetensors(args.batch)[0])
    captured = {}
    original = trainer.adam_atan2

    def capture_then_step(lr):
        for name, t in model.w.items():
            if t.grad is not None:
                captured[f"grad.model.inner.{name}"] = t.grad.clone()
        original(lr)

    trainer.adam_atan2 = capture_then_step
    loss, _, out = trainer.train_step(batch)
    if out["local_puzzle"] is not None:
        captured["grad.model.inner.puzzle_emb.local_weights"] = out["local_puzzle"].grad.clone()
    for name, t in model.w.items():
        captured[f"after.model.inner.{name}"] = t.detach().clone()
    captured["loss"] = torch.tensor([loss], dtype=torch.float64)
    write_safetensors(args.out, captured)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("fixtures")
    r = sub.add_parser("run")
    r.add_argument("--config", required=True)
    r.add_argument("--hyper")
    r.add_argument("--weights", required=True)
    r.add_argument("--batch", required=True)
    r.add_argument("--mode", choices=("train", "eval"), required=True)
    r.add_argument("--reps", type=int, default=3)
    r.add_argument("--steps", type=int, default=16)
    r.add_argument("--warmup", action="store_true")
    g = sub.add_parser("grads")
    for flag in ("--config", "--hyper", "--weights", "--batch", "--out"):
        g.add_argument(flag, required=True)
    args = parser.parse_args()
    if args.cmd == "check":
        print(json.dumps(check(args.fixtures)))
    elif args.cmd == "grads":
        grads(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
