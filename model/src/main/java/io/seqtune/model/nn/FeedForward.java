package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** The position-wise MLP of a block. */
public interface FeedForward {
  /** [B, T, C] -> [B, T, C]; {@code training} enables dropout inside LoRA adapters. */
  NDArray forward(NDArray x, boolean training);
}
