"""Writes the tiny TorchScript modules model/ loads through DJL (resources under io/seqtune/model/nn).

DJL's PyTorch bridge has no tanh-approximated GELU, cannot cast to bfloat16, and its casts from
bfloat16 drop the autograd graph; a scripted module calling torch directly provides all three.
The oneDNN linear layers run float32 x W^T + b through oneDNN's inner product (with its backward)
instead of the BLAS sgemm libtorch links, which takes a slower path on some CPUs (MKL on AMD). Run from the repository root with Debian's python3-torch:

    apt-get install python3-torch && /usr/bin/python3 model/scripts/make_torchscript_ops.py
"""
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


for name, module in [("tanh_gelu", TanhGelu()), ("to_bfloat16", ToBfloat16()), ("to_float32", ToFloat32()),
                     ("onednn_linear", OneDnnLinear()), ("onednn_linear_nobias", OneDnnLinearNoBias()),
                     ("token_nll", TokenNll())]:
    torch.jit.script(module).save(OUT + name + ".pt")
    print("wrote", OUT + name + ".pt")
