"""Writes the tiny TorchScript modules model/ loads through DJL (resources under io/seqtune/model/nn).

DJL's PyTorch bridge has no tanh-approximated GELU, cannot cast to bfloat16, and its casts from
bfloat16 drop the autograd graph; a scripted module calling torch directly provides all three.
The oneDNN linear layers run float32 x W^T + b through oneDNN's inner product (with its backward)
instead of the BLAS sgemm libtorch links, which takes a slower path on some CPUs (MKL on AMD). The
packed linear layers (inference) take a weight laid out once for oneDNN (pack_linear_weight), which saves
the per-call re-layout of the weight that dominates small-batch decoding. Their ops postdate torch 1.13,
so they are scripted around a stand-in call whose saved source is then rewritten to call the real op;
libtorch 2.7.1 compiles that source when DJL loads the module. Run from the repository root with Debian's
python3-torch:

    apt-get install python3-torch && /usr/bin/python3 model/scripts/make_torchscript_ops.py
"""
import zipfile
from typing import List

import torch

OUT = "model/src/main/resources/io/seqtune/model/nn/"


class TanhGelu(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.gelu(x, approximate="tanh")


class ToBfloat16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


class ToFloat32(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float32)


class OneDnnLinear(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        shape = x.shape[:-1] + [w.shape[0]]
        flat = x.reshape(-1, x.shape[-1]).to_mkldnn()
        return torch.ops.aten.mkldnn_linear(flat, w, b).to_dense().view(shape)


class OneDnnLinearNoBias(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        shape = x.shape[:-1] + [w.shape[0]]
        flat = x.reshape(-1, x.shape[-1]).to_mkldnn()
        return torch.ops.aten.mkldnn_linear(flat, w, None).to_dense().view(shape)


class TokenNll(torch.nn.Module):
    """-log softmax(logits)[target] per row as logsumexp - logit: nothing vocabulary-sized is kept for
    backward besides the logits themselves (log_softmax would keep its [N, V] output)."""

    def forward(self, logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return torch.logsumexp(logits, 1) - logits.gather(1, targets.unsqueeze(1)).squeeze(1)


class CachedAttention(torch.nn.Module):
    """Attention of a decoding step over a KV cache in one call (a dozen DJL calls otherwise): writes the
    new keys and values [B, T, Hkv, D] into the cache buffers [B, Hkv, capacity, D] after meta[0]
    positions, then attends queries [B, T, H, D] over everything cached, key/value head j serving
    query heads j*r .. j*r+r-1; scores are q.k * meta[1] + bias [B, 1, T, Tk], softmax in float32.
    Returns [B, T, H*D]."""

    def forward(self, keys: torch.Tensor, values: torch.Tensor, q: torch.Tensor, k: torch.Tensor,
                v: torch.Tensor, bias: torch.Tensor, meta: torch.Tensor) -> torch.Tensor:
        start = int(meta[0])
        scale = float(meta[1])
        b, t = q.size(0), q.size(1)
        keys.narrow(2, start, t).copy_(k.transpose(1, 2))
        values.narrow(2, start, t).copy_(v.transpose(1, 2))
        kk = keys.narrow(2, 0, start + t)
        vv = values.narrow(2, 0, start + t)
        groups = q.size(2) // kk.size(1)
        if groups > 1:
            kk = kk.repeat_interleave(groups, dim=1)
            vv = vv.repeat_interleave(groups, dim=1)
        scores = torch.matmul(q.transpose(1, 2), kk.transpose(2, 3)).float()
        if scale != 1.0:
            scores = scores * scale
        probs = (scores + bias).softmax(3).to(vv.dtype)
        return torch.matmul(probs, vv).transpose(1, 2).reshape(b, t, q.size(2) * q.size(3))


class ReorderRows(torch.nn.Module):
    """Row r of a KV-cache buffer [B, H, capacity, D] takes what row rows[r] holds at positions
    span[0] .. span[1]-1, in place: the span of every row goes through one copy (index_select), so a
    beam search that reorders only the positions where its beams differ copies little. Returns the
    buffer."""

    def forward(self, buffer: torch.Tensor, rows: torch.Tensor, span: torch.Tensor) -> torch.Tensor:
        start = int(span[0])
        window = buffer.narrow(2, start, int(span[1]) - start)
        window.copy_(window.index_select(0, rows))
        return buffer


class PackLinearWeight(torch.nn.Module):
    def forward(self, w: torch.Tensor) -> torch.Tensor:
        return torch.relu(w)  # stand-in for mkldnn._reorder_linear_weight


class PackedLinear(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.relu(x)  # stand-in for mkldnn._linear_pointwise


class PackedLinearNoBias(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return torch.relu(x)  # stand-in for mkldnn._linear_pointwise


class PackedLinearGeluTanh(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.relu(x)  # stand-in for mkldnn._linear_pointwise with a tanh-GELU post-op


class AdamWStep(torch.nn.Module):
    """torch.optim.AdamW's update of one parameter through aten's fused kernel: one pass over the
    parameter, its gradient and both moments, in place, no temporaries. hp = [lr, beta1, beta2,
    weight_decay, eps]; step is the step number (float32, counted from 1). Returns p."""

    def forward(self, p: torch.Tensor, g: torch.Tensor, m: torch.Tensor, v: torch.Tensor,
                step: torch.Tensor, hp: torch.Tensor) -> torch.Tensor:
        # The op mutates the elements of the lists it is given; a list built in the call itself
        # would be dead afterwards and the call eliminated with it, so this one is read after.
        params = [p]
        with torch.no_grad():
            p.addcmul_(g, m, value=float(hp[0]))  # stand-in for aten._fused_adamw_
        return params[0]


NO_SCALARS = "annotate(List[Optional[number]], [])"
NEWER_OPS = {  # module name -> (stand-in call in the saved source, the libtorch 2.x call)
    "pack_linear_weight": ("torch.relu(w)", "ops.mkldnn._reorder_linear_weight(w)"),
    "packed_linear": ("torch.relu(x)", f'ops.mkldnn._linear_pointwise(x, w, b, "none", {NO_SCALARS}, None)'),
    "packed_linear_nobias": ("torch.relu(x)",
                             f'ops.mkldnn._linear_pointwise(x, w, None, "none", {NO_SCALARS}, None)'),
    "packed_linear_gelu_tanh": ("torch.relu(x)",
                                f'ops.mkldnn._linear_pointwise(x, w, b, "gelu", {NO_SCALARS}, "tanh")'),
    "adamw_step": ("torch.addcmul_(p, g, m, value=float(torch.select(hp, 0, 0)))",
                   "torch._fused_adamw_(params, [g], [m], [v], annotate(List[Tensor], []), [step], "
                   + ", ".join(f"{name}=float(torch.select(hp, 0, {i}))" for i, name in
                               enumerate(["lr", "beta1", "beta2", "weight_decay", "eps"]))
                   + ", amsgrad=False, maximize=False)"),
}


def rewrite_call(path, stand_in, call):
    """Replaces the stand-in call in a saved module's source (dropping the debug map of the old source)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist() if not i.filename.endswith(".debug_pkl")]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            if info.filename.endswith("code/__torch__.py"):
                source = data.decode()
                assert stand_in in source, source
                data = source.replace(stand_in, call).encode()
            z.writestr(info, data)


for name, module in [("tanh_gelu", TanhGelu()), ("to_bfloat16", ToBfloat16()), ("to_float32", ToFloat32()),
                     ("onednn_linear", OneDnnLinear()), ("onednn_linear_nobias", OneDnnLinearNoBias()),
                     ("token_nll", TokenNll()), ("cached_attention", CachedAttention()), ("reorder_rows", ReorderRows()),
                     ("pack_linear_weight", PackLinearWeight()),
                     ("packed_linear", PackedLinear()), ("packed_linear_nobias", PackedLinearNoBias()),
                     ("packed_linear_gelu_tanh", PackedLinearGeluTanh()), ("adamw_step", AdamWStep())]:
    torch.jit.script(module).save(OUT + name + ".pt")
    if name in NEWER_OPS:
        rewrite_call(OUT + name + ".pt", *NEWER_OPS[name])
    print("wrote", OUT + name + ".pt")
