package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** A normalisation over the last axis. */
public interface Norm {
  NDArray forward(NDArray x); // [..., C] -> [..., C]
}
