"""PyTorch eager peer of `seqtune bench train` and `seqtune bench generate`: the same shapes, steps and
decoding, nanoGPT-style, printing one JSON object with the same keys (tokens_per_s, peak_rss_mib, ...).

    OMP_WAIT_POLICY=passive /usr/bin/python3 model/scripts/bench_pytorch_peer.py train \
        --shape gpt2-124m --batch 4 --seq 128 --threads 2 [--dtype bfloat16] [--lora-rank 16]
    OMP_WAIT_POLICY=passive /usr/bin/python3 model/scripts/bench_pytorch_peer.py generate \
        --shape gpt2-4x256 --batch 16 --prompt 16 --new-tokens 112 [--beams 4] --threads 1

Runs on Debian's python3-torch (1.13) with libopenblas0-pthread. Architectures: gpt2 and opt (pre- and
post-LayerNorm, project_in/out). A training step is forward, backward, clip_grad_norm_(1.0) and
foreach AdamW (lr 1e-3 constant, weight decay 0.01 on matrices), on random tokens, dropout off;
bfloat16 is torch.autocast with float32 master weights; LoRA (alpha 2r) sits on c_attn or q_proj and
v_proj over a frozen base kept in bfloat16 when computing in bfloat16. Decoding uses a preallocated
KV cache written in place, logits of the last position only, argmax / top-k in torch; beams keep the
prompt's best `beams` continuations of summed log-probabilities (EOS never stops).
"""
import argparse, json, math, resource, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

SHAPES = {  # arch, layers, hidden, heads, vocab, mlp, embed_dim, post_norm
    "gpt2-4x256": ("gpt2", 4, 256, 4, 1000, 1024, 256, False),
    "gpt2-124m": ("gpt2", 12, 768, 12, 50257, 3072, 768, False),
    "opt-125m": ("opt", 12, 768, 12, 50272, 3072, 768, False),
    "opt-350m": ("opt", 24, 1024, 16, 50272, 4096, 512, True),
    "opt-1.3b": ("opt", 24, 2048, 32, 50272, 8192, 2048, False),
}

p = argparse.ArgumentParser()
p.add_argument("mode", choices=["train", "generate"])
p.add_argument("--shape", default="gpt2-4x256", choices=sorted(SHAPES))
p.add_argument("--batch", type=int, default=16)
p.add_argument("--seq", type=int, default=128)
p.add_argument("--steps", type=int, default=10)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--prompt", type=int, default=16)
p.add_argument("--new-tokens", type=int, default=112)
p.add_argument("--beams", type=int, default=1)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
p.add_argument("--lora-rank", type=int, default=0)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
ARCH, L, C, H, V, FF, E, POST = SHAPES[a.shape]
T = a.seq if a.mode == "train" else a.prompt + a.new_tokens
BF16 = a.dtype == "bfloat16"


class LoraLinear(nn.Module):
    def __init__(self, base, r):
        super().__init__()
        self.base, self.scale = base, 2.0
        self.a = nn.Parameter(torch.randn(r, base.in_features) / math.sqrt(base.in_features))
        self.b = nn.Parameter(torch.zeros(base.out_features, r))

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.a), self.b) * self.scale


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(C), nn.LayerNorm(C)
        if ARCH == "gpt2":
            self.qkv = nn.Linear(C, 3 * C)
        else:
            self.q, self.k, self.v = nn.Linear(C, C), nn.Linear(C, C), nn.Linear(C, C)
        self.proj, self.fc, self.fc_out = nn.Linear(C, C), nn.Linear(C, FF), nn.Linear(FF, C)
        self.register_buffer("mask", torch.tril(torch.ones(T, T, dtype=torch.bool)).view(1, 1, T, T))

    def project(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).split(C, dim=2) if ARCH == "gpt2" else (self.q(x), self.k(x), self.v(x))
        return (z.view(b, t, H, C // H).transpose(1, 2) for z in (q, k, v))

    def attend(self, x, cache=None, pos=0):
        b, t, _ = x.shape
        q, k, v = self.project(x)
        if cache is not None:
            kc, vc = cache
            kc[:, :, pos:pos + t], vc[:, :, pos:pos + t] = k, v
            k, v = kc[:, :, :pos + t], vc[:, :, :pos + t]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // H))
        if t > 1:
            att = att.masked_fill(~self.mask[:, :, pos:pos + t, :pos + t], float("-inf"))
        return self.proj((att.float().softmax(dim=-1).to(v.dtype) @ v).transpose(1, 2).reshape(b, t, C))

    def mlp(self, x):
        h = self.fc(x)
        return self.fc_out(F.gelu(h, approximate="tanh") if ARCH == "gpt2" else F.relu(h))

    def forward(self, x, cache=None, pos=0):
        if POST:
            x = self.ln_1(x + self.attend(x, cache, pos))
            return self.ln_2(x + self.mlp(x))
        x = x + self.attend(self.ln_1(x), cache, pos)
        return x + self.mlp(self.ln_2(x))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(V, E)
        self.offset = 0 if ARCH == "gpt2" else 2
        self.wpe = nn.Embedding(T + self.offset, C)
        self.project_in = nn.Linear(E, C, bias=False) if E != C else None
        self.project_out = nn.Linear(C, E, bias=False) if E != C else None
        self.h = nn.ModuleList(Block() for _ in range(L))
        self.ln_f = None if POST else nn.LayerNorm(C)

    def hidden(self, idx, caches=None, pos=0):
        x = self.wte(idx).float()  # the residual stream stays float32 (a bfloat16 base's table is bf16)
        if self.project_in is not None:
            x = self.project_in(x)
        x = x + self.wpe.weight[self.offset + pos:self.offset + pos + idx.shape[1]].float()
        for i, block in enumerate(self.h):
            x = block(x, None if caches is None else caches[i], pos)
        if self.ln_f is not None:
            x = self.ln_f(x)
        return self.project_out(x) if self.project_out is not None else x

    def logits(self, x):
        return F.linear(x, self.wte.weight)  # tied head

    @torch.no_grad()
    def decode(self, prompt, new_tokens, beams):
        """Greedy (beams 1) or beam search; returns the generated ids [b * beams, new_tokens]."""
        b = prompt.shape[0]
        rows = b * beams
        dtype = torch.bfloat16 if BF16 else torch.float32
        shape = (rows, H, prompt.shape[1] + new_tokens, C // H)
        caches = [(torch.empty(shape, dtype=dtype), torch.empty(shape, dtype=dtype)) for _ in self.h]
        idx, pos = prompt.repeat_interleave(beams, dim=0), 0
        scores = torch.zeros(b, beams)
        scores[:, 1:] = -1e9  # the first step expands beam 0 only
        out = torch.empty(rows, new_tokens, dtype=torch.long)
        for n in range(new_tokens):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=BF16):
                logits = self.logits(self.hidden(idx, caches, pos)[:, -1]).float()  # [rows, V]
            pos += idx.shape[1]
            if beams == 1:
                idx = logits.argmax(dim=-1, keepdim=True)
            else:
                total = (scores.view(rows, 1) + logits.log_softmax(dim=-1)).view(b, beams * V)
                scores, best = total.topk(beams, dim=1)
                origin = (best // V + torch.arange(b).view(b, 1) * beams).view(rows)
                for kc, vc in caches:
                    kc[:, :, :pos] = kc[origin, :, :pos]
                    vc[:, :, :pos] = vc[origin, :, :pos]
                out[:, :n] = out[origin, :n]
                idx = (best % V).view(rows, 1)
            out[:, n:n + 1] = idx
        return out


model = Model()
for m in model.modules():  # transformers' init: normal(0, 0.02) matrices, zero biases
    if isinstance(m, (nn.Linear, nn.Embedding)):
        nn.init.normal_(m.weight, std=0.02)
        if getattr(m, "bias", None) is not None:
            nn.init.zeros_(m.bias)
result = {"peer": "pytorch " + torch.__version__, "mode": a.mode, "shape": a.shape, "dtype": a.dtype,
          "lora_rank": a.lora_rank, "threads": torch.get_num_threads(), "batch": a.batch}
if a.lora_rank > 0 or a.mode == "generate":
    for prm in model.parameters():
        prm.requires_grad_(False)
    if BF16:  # a frozen base is kept in bfloat16 (matrices; norms and biases stay float32)
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                m.weight.data = m.weight.data.bfloat16()
if a.lora_rank > 0:
    for block in model.h:
        if ARCH == "gpt2":
            block.qkv = LoraLinear(block.qkv, a.lora_rank)
        else:
            block.q, block.v = LoraLinear(block.q, a.lora_rank), LoraLinear(block.v, a.lora_rank)
result["parameters"] = sum(q.numel() for q in model.parameters())
if a.mode == "generate":
    model.eval()
    prompt = torch.randint(0, V, (a.batch, a.prompt))
    model.decode(prompt, 4, a.beams)  # warm-up
    times, cpu = [], []
    for _ in range(a.runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        model.decode(prompt, a.new_tokens, a.beams)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    median = statistics.median(times)
    result.update(prompt_len=a.prompt, new_tokens=a.new_tokens, beams=a.beams, runs=a.runs,
                  tokens_per_s=round(a.batch * a.new_tokens / median, 1), run_s=round(median, 4),
                  cpu_s=round(statistics.median(cpu), 4))
else:
    trainable = [q for q in model.parameters() if q.requires_grad]
    result["trainable_parameters"] = sum(q.numel() for q in trainable)
    decay = [q for q in trainable if q.dim() > 1]
    no_decay = [q for q in trainable if q.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=1e-3, foreach=True)
    idx = torch.randint(0, V, (a.batch, a.seq))
    times, cpu, losses = [], [], []
    for step in range(a.warmup + a.steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=BF16):
            logits = model.logits(model.hidden(idx)[:, :-1])
        loss = F.cross_entropy(logits.float().reshape(-1, V), idx[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        opt.step()
        losses.append(loss.item())
        if step >= a.warmup:
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
    median = statistics.median(times)
    result.update(seq_len=a.seq, steps=a.steps, tokens_per_s=round(a.batch * a.seq / median, 1),
                  step_s=round(median, 4), cpu_s=round(statistics.median(cpu), 4), losses=[round(x, 4) for x in losses])
result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(result))
