package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** How an architecture projects hidden states to queries, keys and values. */
public interface QkvProjection {
  /** [B, T, C] -> q [B, T, H, D], k and v [B, T, Hkv, D]. */
  Qkv project(NDArray x, boolean training);
}
