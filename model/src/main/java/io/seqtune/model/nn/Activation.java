package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** The MLP non-linearities, by their Hugging Face names. */
public enum Activation {
  /**
   * GPT-2's gelu_new: the tanh approximation, one fused torch kernel (composed of ops it is ~40%
   * slower to train).
   */
  GELU_TANH {
    @Override
    public NDArray apply(NDArray x) {
      return TorchScriptOp.TANH_GELU.apply(x);
    }
  },
  /** The exact (erf) GELU. */
  GELU {
    @Override
    public NDArray apply(NDArray x) {
      return ai.djl.nn.Activation.gelu(x);
    }
  },
  RELU {
    @Override
    public NDArray apply(NDArray x) {
      return ai.djl.nn.Activation.relu(x);
    }
  },
  SILU {
    @Override
    public NDArray apply(NDArray x) {
      return x.mul(ai.djl.nn.Activation.sigmoid(x));
    }
  };

  public abstract NDArray apply(NDArray x);

  public static Activation fromHf(String name) {
    return switch (name) {
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
      case "gelu" -> GELU;
      case "relu" -> RELU;
      case "silu", "swish" -> SILU;
      default -> throw new IllegalArgumentException("unsupported activation " + name);
    };
  }
}
