package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** One transformer layer: attention and MLP with residual connections. */
public final class Block {
  /** Where the norms and residual connections sit. */
  public enum Residual {
    /** x + attn(norm1(x)), then + mlp(norm2(x)): GPT-2, GPT-Neo, OPT-125m/1.3b, Llama. */
    PRE_NORM,
    /** norm1(x + attn(x)), then norm2(x + mlp(x)): OPT-350m. */
    POST_NORM,
    /** x + attn(norm1(x)) + mlp(norm2(x)): GPT-NeoX / Pythia. */
    PARALLEL
  }

  private final Residual residual;
  private final Norm norm1;
  private final Attention attention;
  private final Norm norm2;
  private final FeedForward mlp;
  private final double dropout; // on each branch's output before it joins the residual

  public Block(
      Residual residual,
      Norm norm1,
      Attention attention,
      Norm norm2,
      FeedForward mlp,
      double dropout) {
    this.residual = residual;
    this.norm1 = norm1;
    this.attention = attention;
    this.norm2 = norm2;
    this.mlp = mlp;
    this.dropout = dropout;
  }

  public NDArray forward(NDArray x, ForwardContext ctx, KvCache cache, int layer) { // [B, T, C]
    boolean training = ctx.training();
    return switch (residual) {
      case PRE_NORM -> {
        NDArray h =
            x.add(
                Tensors.dropout(
                    attention.forward(norm1.forward(x), ctx, cache, layer), dropout, training));
        yield h.add(Tensors.dropout(mlp.forward(norm2.forward(h), training), dropout, training));
      }
      case POST_NORM -> {
        NDArray h =
            norm1.forward(
                x.add(Tensors.dropout(attention.forward(x, ctx, cache, layer), dropout, training)));
        yield norm2.forward(h.add(Tensors.dropout(mlp.forward(h, training), dropout, training)));
      }
      case PARALLEL ->
          x.add(
                  Tensors.dropout(
                      attention.forward(norm1.forward(x), ctx, cache, layer), dropout, training))
              .add(Tensors.dropout(mlp.forward(norm2.forward(x), training), dropout, training));
    };
  }
}
