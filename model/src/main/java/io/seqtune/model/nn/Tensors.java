package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.norm.Dropout;

/** Small tensor helpers shared by the blocks. */
public final class Tensors {
  private static final boolean ONEDNN_FLOAT32 =
      "onednn".equals(System.getProperty("seqtune.linear", "onednn"));

  private static final long ONEDNN_MIN_ROWS = 64;

  private Tensors() {}

  /**
   * {@code a} in the data type of the activations {@code x}: float32, or else bfloat16, the only
   * other compute type (weights stay float32 and are cast at use, like autocast).
   */
  public static NDArray like(NDArray a, NDArray x) {
    if (a == null || a.getDataType() == x.getDataType()) {
      return a;
    }
    return x.getDataType() == DataType.FLOAT32 ? float32(a) : bfloat16(a);
  }

  /** {@code x} in the compute type. */
  public static NDArray to(NDArray x, DataType compute) {
    return compute == DataType.FLOAT32 ? float32(x) : bfloat16(x);
  }

  /**
   * DJL 0.36's PyTorch bridge aborts the JVM when asked for bfloat16 (toType, or any op given a
   * dtype) and its toType from bfloat16 is not differentiable, so both casts are TorchScript
   * modules; DJL reports bfloat16 arrays as UNKNOWN, and every op that takes a dtype runs in
   * float32.
   */
  public static NDArray bfloat16(NDArray x) {
    return TorchScriptOp.TO_BFLOAT16.apply(x);
  }

  public static NDArray float32(NDArray x) {
    return x.getDataType() == DataType.FLOAT32 ? x : TorchScriptOp.TO_FLOAT32.apply(x);
  }

  /**
   * {@code value} as a 0-d tensor in memory torch owns. Use it instead of DJL's mul, div, pow,
   * maximum or minimum with a Number wherever gradients flow: those put the number in a tensor over
   * a Java buffer and close it right after the op, yet autograd keeps that tensor for the backward
   * pass, which then reads whatever the buffer holds once the garbage collector has freed it.
   */
  public static NDArray scalar(NDManager manager, Number value) {
    try (NDArray javaBacked = manager.create(value)) {
      return javaBacked.duplicate();
    }
  }

  /** x * c, safe for autograd (see {@link #scalar}). */
  public static NDArray times(NDArray x, Number c) {
    return x.mul(scalar(x.getManager(), c));
  }

  /**
   * x W^T + b. Float32 on the CPU runs through oneDNN's inner product (forward and backward):
   * libtorch's sgemm is MKL's, which takes its AVX2 path on AMD CPUs at less than half the speed of
   * AVX-512 code, while oneDNN picks kernels by instruction set. {@code -Dseqtune.linear=blas} goes
   * back to libtorch's addmm. bfloat16 reaches oneDNN through addmm either way.
   *
   * @param x [..., in]
   * @param weight [out, in], same type as x
   * @param bias [out] or null
   * @return [..., out]
   */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    long rows = x.getShape().size() / x.getShape().get(x.getShape().dimension() - 1);
    if (ONEDNN_FLOAT32
        && rows >= ONEDNN_MIN_ROWS
        && x.getDataType() == DataType.FLOAT32
        && !x.getDevice().isGpu()) {
      return bias == null
          ? TorchScriptOp.ONEDNN_LINEAR_NO_BIAS.apply(x, weight)
          : TorchScriptOp.ONEDNN_LINEAR.apply(x, weight, bias);
    }
    return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /**
   * {@code weight} laid out once in oneDNN's blocked format for {@link #packedLinear}: a copy, and
   * an opaque tensor only that op reads.
   *
   * @param weight [out, in] float32 or bfloat16 on the CPU
   */
  static NDArray packWeight(NDArray weight) {
    return TorchScriptOp.PACK_LINEAR_WEIGHT.apply(weight);
  }

  /**
   * x W^T + b through oneDNN's inner product with a weight from {@link #packWeight}, without
   * gradients. Every {@link #linear} call on few rows lays the weight out afresh (MKL packs it for
   * its sgemm, oneDNN reorders it), which costs as much as the product itself when decoding.
   *
   * @param x [..., in] in the packed weight's type
   * @param packed [out, in] from {@link #packWeight}
   * @param bias [out] or null
   * @return [..., out]
   */
  static NDArray packedLinear(NDArray x, NDArray packed, NDArray bias) {
    return bias == null
        ? TorchScriptOp.PACKED_LINEAR_NO_BIAS.apply(x, packed)
        : TorchScriptOp.PACKED_LINEAR.apply(x, packed, bias);
  }

  /**
   * Cross-entropy per row, -log softmax(logits)[target], computed as logsumexp - logit so that
   * backward keeps no vocabulary-sized tensor besides the logits.
   *
   * @param logits [N, V] float32
   * @param targets [N] int64, each in [0, V)
   * @return [N] float32
   */
  public static NDArray tokenNll(NDArray logits, NDArray targets) {
    return TorchScriptOp.TOKEN_NLL.apply(logits, targets);
  }

  /**
   * torch.optim.AdamW's update of one parameter, in place, through aten's fused kernel: a single
   * pass over the four tensors, where a dozen element-wise ops would make four parameter-sized
   * temporaries and pass over memory about thirty times. Run without gradients.
   *
   * @param param float32, updated
   * @param grad its gradient
   * @param expAvg first moment, updated
   * @param expAvgSq second moment, updated
   * @param step 0-d float32: the step number, counted from 1
   * @param hyper [5] float64: lr, beta1, beta2, weight decay, eps
   */
  public static void adamW(
      NDArray param, NDArray grad, NDArray expAvg, NDArray expAvgSq, NDArray step, NDArray hyper) {
    TorchScriptOp.ADAMW_STEP.apply(param, grad, expAvg, expAvgSq, step, hyper).close();
  }

  public static NDArray dropout(NDArray x, double rate, boolean training) {
    return training && rate > 0 ? Dropout.dropout(x, (float) rate, true).singletonOrThrow() : x;
  }
}
