package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** The position-wise MLP of a block. */
public interface FeedForward {
  NDArray forward(NDArray x); // [B, T, C] -> [B, T, C]
}
