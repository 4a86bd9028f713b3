"""PyTorch eager peer for the model benchmarks, same GPT-2 shape (4 x 256, 4 heads, vocab 1000, 128 positions).

    OMP_WAIT_POLICY=passive /usr/bin/python3 model/scripts/bench_pytorch_peer.py [threads]
        TrainBenchmark's peer: forward, backward, clip, AdamW, batch 16 x 128 (median of 20 steps).
    OMP_WAIT_POLICY=passive /usr/bin/python3 model/scripts/bench_pytorch_peer.py generate [threads]
        GenerateBenchmark's peer: batched greedy decoding with a preallocated KV cache, batch 16,
        16-token prompts, 112 new tokens, torch.no_grad(), one warm-up, median of 3 runs; prints JSON.
"""
import json, math, statistics, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

args = sys.argv[1:]
MODE = args.pop(0) if args and args[0] == "generate" else "train"
torch.set_num_threads(int(args[0]) if args else 2)
torch.manual_seed(0)
V, L, C, H, T, B = 1000, 4, 256, 4, 128, 16
PROMPT, NEW, RUNS = 16, 112, 3


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.c_attn, self.c_proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.c_fc, self.mlp_proj = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)
        self.register_buffer("bias", torch.tril(torch.ones(T, T)).view(1, 1, T, T))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // H))
        att = att.masked_fill(self.bias[:, :, :t, :t] == 0, float("-inf")).softmax(dim=-1)
        x = x + self.c_proj((att @ v).transpose(1, 2).reshape(b, t, c))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))

    def decode(self, x, k_cache, v_cache, pos):
        """x [b, t, C] at positions pos..pos+t-1; writes its keys/values into the [b, H, T, D] caches in place."""
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))
        k_cache[:, :, pos:pos + t] = k
        v_cache[:, :, pos:pos + t] = v
        k, v = k_cache[:, :, :pos + t], v_cache[:, :, :pos + t]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // H))
        if t > 1:  # prefill: causal mask; a single new token sees every cached key
            att = att.masked_fill(self.bias[:, :, pos:pos + t, :pos + t] == 0, float("-inf"))
        x = x + self.c_proj((att.softmax(dim=-1) @ v).transpose(1, 2).reshape(b, t, c))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.h = nn.ModuleList(Block() for _ in range(L))
        self.ln_f = nn.LayerNorm(C)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.h:
            x = block(x)
        return F.linear(self.ln_f(x), self.wte.weight)

    @torch.no_grad()
    def greedy(self, prompt, new_tokens):
        """Batched greedy decoding with a preallocated KV cache: the prompt once, then one token per step."""
        b, t = prompt.shape
        shape = (b, H, t + new_tokens, C // H)
        caches = [(torch.empty(shape), torch.empty(shape)) for _ in self.h]
        out = torch.empty(b, new_tokens, dtype=torch.long)
        idx, pos = prompt, 0
        for n in range(new_tokens):
            x = self.wte(idx) + self.wpe.weight[pos:pos + idx.shape[1]]
            for block, (kc, vc) in zip(self.h, caches):
                x = block.decode(x, kc, vc, pos)
            logits = F.linear(self.ln_f(x[:, -1]), self.wte.weight)  # [b, V], last position only
            pos += idx.shape[1]
            idx = logits.argmax(dim=-1, keepdim=True)
            out[:, n:n + 1] = idx
        return out


model = Gpt2()
if MODE == "generate":
    model.eval()
    prompt = torch.randint(0, V, (B, PROMPT))
    model.greedy(prompt, 4)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        model.greedy(prompt, NEW)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(json.dumps({"peer": "pytorch " + torch.__version__, "mode": "generate", "threads": torch.get_num_threads(),
                      "batch": B, "prompt_len": PROMPT, "new_tokens": NEW, "runs": RUNS,
                      "tokens_per_s": round(B * NEW / median, 1), "run_s_median": round(median, 4),
                      "run_s": [round(x, 4) for x in times]}))
    sys.exit(0)
decay = [p for p in model.parameters() if p.dim() > 1]
no_decay = [p for p in model.parameters() if p.dim() <= 1]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=5e-4, foreach=True)
idx = torch.randint(0, V, (B, T))
times = []
for step in range(23):
    start = time.perf_counter()
    logits = model(idx)
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, V), idx[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if step >= 3:
        times.append(time.perf_counter() - start)
median = statistics.median(times)
print(f"pytorch {torch.__version__} threads {torch.get_num_threads()}: {B * T / median:.0f} tokens/s, step {median:.3f} s")
