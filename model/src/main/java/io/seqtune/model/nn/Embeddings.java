package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Token embeddings, optionally projected (OPT-350m's project_in) and summed with learned position
 * embeddings. Learned positions are looked up at position + offset (OPT reserves 2 rows).
 */
public final class Embeddings {
  private final NDArray tokens; // [V, E]
  private final Linear projectIn; // E -> C, or null
  private final NDArray positions; // [P + offset, C], or null for rotary models
  private final int positionOffset;
  private final double dropout;

  public Embeddings(
      NDArray tokens, Linear projectIn, NDArray positions, int positionOffset, double dropout) {
    this.tokens = tokens;
    this.projectIn = projectIn;
    this.positions = positions;
    this.positionOffset = positionOffset;
    this.dropout = dropout;
  }

  /** Learned positions end somewhere: longer inputs are an error, not silently clamped. */
  public void checkLength(long tokens) {
    if (positions != null && tokens > positions.getShape().get(0) - positionOffset) {
      throw new IllegalArgumentException(
          tokens
              + " tokens exceed the model's "
              + (positions.getShape().get(0) - positionOffset)
              + " positions");
    }
  }

  /**
   * @param positionIds [B, T] int64, -1 at padding
   */
  public NDArray forward(
      NDArray ids, NDArray positionIds, DataType compute, boolean training) { // -> [B, T, C]
    NDArray x = Tensors.to(lookup(tokens, ids), compute);
    if (projectIn != null) {
      x = projectIn.forward(x);
    }
    if (positions != null) {
      long last = positions.getShape().get(0) - 1;
      x =
          x.add(
              Tensors.to(
                  lookup(positions, positionIds.add(positionOffset).clip(0, last)), compute));
    }
    return Tensors.dropout(x, dropout, training);
  }

  private static NDArray lookup(NDArray table, NDArray ids) {
    return ai.djl.nn.core.Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }
}
