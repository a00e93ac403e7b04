"""HRM in plain PyTorch (CPU, float32), written from docs/hrm.md as the baseline of bench/hrm-step.

It is the same model hrm-lcb implements in TypeScript (sections 4-7 of docs/hrm.md): input embedding with
puzzle slots, post-norm blocks with RoPE attention and SwiGLU, H/L modules with input injection, H_cycles x
L_cycles with the one-step gradient, the ACT carry with Q halting and the Q-learning target, the stablemax
loss head, sign-SGD on the puzzle embedding and AdamATan2. Weights use upstream's state-dict names, so a
checkpoint written by hrm-lcb loads here and vice versa. `torch_bench.py check` compares it with the golden
fixtures before any timing is trusted.

Dims: B batch, S tokens, P puzzle slots, T = P + S, D hidden, h heads, d head dim, I SwiGLU inner, V vocab.
"""

import math

import torch
import torch.nn.functional as F

IGNORE = -100
BLOCK_KEYS = ("self_attn.qkv_proj.weight", "self_attn.o_proj.weight", "mlp.gate_up_proj.weight", "mlp.down_proj.weight")


def swiglu_inner(hidden, expansion):
    return 256 * math.ceil(round(expansion * hidden * 2 / 3) / 256)


class HRM:
    """Weights (upstream names, without the `model.inner.` prefix) and the forward/ACT logic."""

    def __init__(self, cfg, state):
        self.cfg = cfg
        self.D = cfg["hidden_size"]
        self.h = cfg["num_heads"]
        self.d = self.D // self.h
        self.ndim = cfg.get("puzzle_emb_ndim", 0)
        self.P = -(-self.ndim // self.D)
        self.S = cfg["seq_len"]
        self.T = self.P + self.S
        self.w = {}
        for key, value in state.items():
            name = key
            for prefix in ("_orig_mod.", "model.", "inner."):
                if name.startswith(prefix):
                    name = name[len(prefix):]
            tensor = value.detach().to(torch.float32).clone()
            trainable = name not in ("H_init", "L_init", "puzzle_emb.weights")
            self.w[name] = tensor.requires_grad_(trainable)
        if cfg["pos_encodings"] == "rope":
            inv = 1.0 / (cfg.get("rope_theta", 10000.0) ** (torch.arange(0, self.d, 2, dtype=torch.float32) / self.d))
            angles = torch.outer(torch.arange(self.T, dtype=torch.float32), inv)  # [T, d/2]
            self.cos = angles.cos()[None, :, None, :]
            self.sin = angles.sin()[None, :, None, :]

    def params(self):
        return [t for t in self.w.values() if t.requires_grad]

    # -- layers (docs/hrm.md 4.2-4.5) ---------------------------------------------------------------------
    def rope(self, x):  # [B, T, h, d], half-split rotation
        half = self.d // 2
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat((x1 * self.cos - x2 * self.sin, x2 * self.cos + x1 * self.sin), dim=-1)

    def block(self, prefix, x):
        eps = self.cfg.get("rms_norm_eps", 1e-5)
        B, T, D = x.shape
        qkv = (x @ self.w[prefix + BLOCK_KEYS[0]].t()).view(B, T, 3 * self.h, self.d)
        q, k, v = qkv[:, :, : self.h], qkv[:, :, self.h : 2 * self.h], qkv[:, :, 2 * self.h :]
        if self.cfg["pos_encodings"] == "rope":
            q, k = self.rope(q), self.rope(k)
        scores = torch.einsum("bthd,bshd->bhts", q, k) / math.sqrt(self.d)
        attn = torch.einsum("bhts,bshd->bthd", scores.softmax(dim=-1), v).reshape(B, T, D)
        x = rms(x + attn @ self.w[prefix + BLOCK_KEYS[1]].t(), eps)
        gate, up = (x @ self.w[prefix + BLOCK_KEYS[2]].t()).chunk(2, dim=-1)
        return rms(x + (F.silu(gate) * up) @ self.w[prefix + BLOCK_KEYS[3]].t(), eps)

    def module(self, level, layers, z, injection):  # 4.6: add the injection, then the blocks
        z = z + injection
        for i in range(layers):
            z = self.block(f"{level}.layers.{i}.", z)
        return z

    # -- 4.1 input embedding --------------------------------------------------------------------------------
    def embed(self, inputs, puzzle_ids, local_puzzle):
        x = self.w["embed_tokens.embedding_weight"][inputs.long()]  # [B, S, D]
        if self.P > 0:
            rows = F.pad(local_puzzle, (0, self.P * self.D - self.ndim))
            x = torch.cat((rows.view(-1, self.P, self.D), x), dim=1)
        if self.cfg["pos_encodings"] == "learned":
            x = 0.707106781 * (x + self.w["embed_pos.embedding_weight"])
        return math.sqrt(self.D) * x

    # -- 4.7 inner forward with the one-step gradient ------------------------------------------------------
    def inner(self, zH, zL, data, training, with_grad):
        cfg = self.cfg
        local = None
        if self.P > 0:
            local = self.w["puzzle_emb.weights"][data["puzzle_identifiers"].long()].clone()
            if training and with_grad:
                local.requires_grad_(True)
        x = self.embed(data["inputs"], data["puzzle_identifiers"], local)
        with torch.no_grad():
            for hc in range(cfg["H_cycles"]):
                for lc in range(cfg["L_cycles"]):
                    if not (hc == cfg["H_cycles"] - 1 and lc == cfg["L_cycles"] - 1):
                        zL = self.module("L_level", cfg["L_layers"], zL, zH + x)
                if hc < cfg["H_cycles"] - 1:
                    zH = self.module("H_level", cfg["H_layers"], zH, zL)
        with torch.set_grad_enabled(with_grad):
            zL = self.module("L_level", cfg["L_layers"], zL, zH + x)
            zH = self.module("H_level", cfg["H_layers"], zH, zL)
            logits = zH[:, self.P :] @ self.w["lm_head.weight"].t()
            q = zH[:, 0] @ self.w["q_head.weight"].t() + self.w["q_head.bias"]
        return zH.detach(), zL.detach(), logits, q[:, 0], q[:, 1], local

    # -- 5 ACT wrapper -------------------------------------------------------------------------------------
    def initial_carry(self, batch):
        B = batch["inputs"].shape[0]
        return {
            "zH": torch.zeros(B, self.T, self.D),
            "zL": torch.zeros(B, self.T, self.D),
            "steps": torch.zeros(B, dtype=torch.int32),
            "halted": torch.ones(B, dtype=torch.bool),
            "data": {k: torch.zeros_like(v) for k, v in batch.items()},
        }

    def act(self, carry, batch, training, gen=None):
        cfg = self.cfg
        reset = carry["halted"]
        zH = torch.where(reset.view(-1, 1, 1), self.w["H_init"].detach(), carry["zH"])
        zL = torch.where(reset.view(-1, 1, 1), self.w["L_init"].detach(), carry["zL"])
        steps = torch.where(reset, torch.zeros_like(carry["steps"]), carry["steps"])
        data = {k: torch.where(reset.view((-1,) + (1,) * (v.ndim - 1)), batch[k], v) for k, v in carry["data"].items()}
        zH, zL, logits, q_halt, q_cont, local = self.inner(zH, zL, data, training, training)
        out = {"logits": logits, "q_halt": q_halt, "q_continue": q_cont, "local_puzzle": local}
        with torch.no_grad():
            steps = steps + 1
            is_last = steps >= cfg["halt_max_steps"]
            halted = is_last
            if training and cfg["halt_max_steps"] > 1:
                halted = halted | (q_halt > q_cont)
                explore = torch.rand(q_halt.shape, generator=gen) < cfg["halt_exploration_prob"]
                min_halt = explore * torch.randint(2, cfg["halt_max_steps"] + 1, steps.shape, generator=gen)
                halted = halted & (steps >= min_halt)
                _, _, _, nq_halt, nq_cont, _ = self.inner(zH, zL, data, training, False)
                nxt = torch.where(is_last, nq_halt, torch.maximum(nq_halt, nq_cont))
                out["target_q_continue"] = torch.sigmoid(nxt)
        return {"zH": zH, "zL": zL, "steps": steps, "halted": halted, "data": data}, out


def rms(x, eps):
    return x * torch.rsqrt(x.square().mean(-1, keepdim=True) + eps)


def stablemax_ce(logits, labels):  # 6: in float64
    x = logits.to(torch.float64)
    s = torch.where(x < 0, 1 / (1 - x + 1e-30), x + 1)
    logp = torch.log(s / s.sum(-1, keepdim=True))
    valid = labels != IGNORE
    picked = torch.gather(logp, -1, torch.where(valid, labels, 0).long().unsqueeze(-1)).squeeze(-1)
    return -torch.where(valid, picked, torch.zeros_like(picked))


def loss_head(carry, out):
    """Loss (a sum over the batch) and the raw metric sums of docs/hrm.md section 6."""
    labels = carry["data"]["labels"]
    with torch.no_grad():
        mask = labels != IGNORE
        counts = mask.sum(-1)
        divisor = counts.clamp_min(1).unsqueeze(-1)
        correct = mask & (out["logits"].argmax(-1) == labels)
        seq_correct = correct.sum(-1) == counts
        valid = carry["halted"] & (counts > 0)
        metrics = {
            "count": int(valid.sum()),
            "accuracy": float(torch.where(valid, (correct.float() / divisor).sum(-1), 0).sum()),
            "exact_accuracy": int((valid & seq_correct).sum()),
            "q_halt_accuracy": int((valid & ((out["q_halt"] >= 0) == seq_correct)).sum()),
            "steps": int(torch.where(valid, carry["steps"], 0).sum()),
        }
    lm = (stablemax_ce(out["logits"], labels) / divisor).sum()
    q_halt = F.binary_cross_entropy_with_logits(out["q_halt"], seq_correct.float(), reduction="sum")
    loss = lm + 0.5 * q_halt
    metrics.update(lm_loss=float(lm), q_halt_loss=float(q_halt))
    if "target_q_continue" in out:
        q_cont = F.binary_cross_entropy_with_logits(out["q_continue"], out["target_q_continue"], reduction="sum")
        loss = loss + 0.5 * q_cont
        metrics["q_continue_loss"] = float(q_cont)
    return loss, metrics


def lr_at(step, base, warmup, total, min_ratio):  # 7.2
    if step < warmup:
        return base * step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    return base * (min_ratio + max(0.0, (1 - min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))))


class Trainer:
    """One rank of upstream's training loop: carry across batches, sign-SGD then AdamATan2 (7.1-7.4)."""

    def __init__(self, model, hyper, seed=0):
        self.model, self.hyper = model, hyper
        self.carry = None
        self.step = 0
        self.state = [(p, torch.zeros_like(p), torch.zeros_like(p)) for p in model.params()]
        self.gen = torch.Generator().manual_seed(seed)

    def train_step(self, batch):
        hp = self.hyper
        self.step += 1
        if self.carry is None:
            self.carry = self.model.initial_carry(batch)
        self.carry, out = self.model.act(self.carry, batch, True, self.gen)
        loss, metrics = loss_head(self.carry, out)
        (loss / hp["global_batch_size"]).backward()
        lr = lr_at(self.step, hp["lr"], round(hp["lr_warmup_steps"]), hp["total_steps"], hp["lr_min_ratio"])
        plr = lr_at(self.step, hp["puzzle_emb_lr"], round(hp["lr_warmup_steps"]), hp["total_steps"], hp["lr_min_ratio"])
        with torch.no_grad():
            local = out["local_puzzle"]
            if local is not None:
                self.sign_sgd(local.grad, self.carry["data"]["puzzle_identifiers"], plr)
            self.adam_atan2(lr)
        return float(loss), metrics, out

    def sign_sgd(self, grad, ids, lr):  # 7.4
        table = self.model.w["puzzle_emb.weights"]
        uniq, inv = ids.long().unique(return_inverse=True)
        summed = torch.zeros(len(uniq), grad.shape[1]).index_add_(0, inv, grad)
        rows = table[uniq] * (1 - lr * self.hyper["puzzle_emb_weight_decay"]) - lr * torch.sign(summed)
        table[uniq] = rows

    def adam_atan2(self, lr):  # 7.3
        hp = self.hyper
        b1, b2, wd = hp["beta1"], hp["beta2"], hp["weight_decay"]
        t = self.step
        for p, m, v in self.state:
            g = p.grad
            p.mul_(1 - lr * wd)
            m.lerp_(g, 1 - b1)
            v.mul_(b2).addcmul_(g, g, value=1 - b2)
            p.sub_((lr / (1 - b1 ** t)) * torch.atan2(m, v.sqrt() / math.sqrt(1 - b2 ** t)))
            p.grad = None
