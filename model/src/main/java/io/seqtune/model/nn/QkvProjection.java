package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** How an architecture projects hidden states to queries, keys and values. */
public interface QkvProjection {
  Qkv project(NDArray x); // [B, T, C]
}
