"""Writes the tiny TorchScript modules model/ loads through DJL (resources under io/seqtune/model/nn).

DJL's PyTorch bridge has no tanh-approximated GELU, cannot cast to bfloat16, and its casts from
bfloat16 drop the autograd graph; a scripted module calling torch directly provides all three. Run from the repository root with Debian's python3-torch:

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


for name, module in [("tanh_gelu", TanhGelu()), ("to_bfloat16", ToBfloat16()), ("to_float32", ToFloat32())]:
    torch.jit.script(module).save(OUT + name + ".pt")
    print("wrote", OUT + name + ".pt")
