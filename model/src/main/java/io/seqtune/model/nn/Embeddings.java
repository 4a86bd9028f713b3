package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Token embeddings, optionally projected (OPT-350m's project_in) and summed with learned position
 * embeddings. Learned positions are looked up at position + offset (OPT reserves 2 rows).
 *
 * <p>Shapes: token table [V, E], position table [P + offset, C], ids [B, T] -> [B, T, C].
 */
public final class Embeddings {
  private final NDArray tokens; // [V, E]
  private final Linear projectIn; // E -> C, or null
  private final NDArray positions; // [P + offset, C], or null for rotary models
  private final int positionOffset;
  private final double dropout;

  private Embeddings(Builder b) {
    this.tokens = b.tokens;
    this.projectIn = b.projectIn;
    this.positions = b.positions;
    this.positionOffset = b.positionOffset;
    this.dropout = b.dropout;
  }

  /** Settings by name; only {@code tokens} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Named parts of {@link Embeddings}. */
  public static final class Builder {
    private NDArray tokens;
    private Linear projectIn;
    private NDArray positions;
    private int positionOffset;
    private double dropout;

    private Builder() {}

    /** The token table [V, E]. */
    public Builder tokens(NDArray tokens) {
      this.tokens = tokens;
      return this;
    }

    /** E -> C when the token table is narrower than the model (OPT-350m). */
    public Builder projectIn(Linear projectIn) {
      this.projectIn = projectIn;
      return this;
    }

    /** Learned positions [P + offset, C]; position p reads row p + offset. */
    public Builder positions(NDArray positions, int offset) {
      this.positions = positions;
      this.positionOffset = offset;
      return this;
    }

    /** Dropout on the summed embeddings while training. */
    public Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    public Embeddings build() {
      if (tokens == null) {
        throw new IllegalStateException("Embeddings need a token table");
      }
      return new Embeddings(this);
    }
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
      x = projectIn.forward(x, training);
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
