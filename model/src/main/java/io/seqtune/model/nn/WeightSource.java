package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Supplies the initial value of each named parameter: from a checkpoint or freshly initialised. */
public interface WeightSource {
  /**
   * @param shape the shape as the model uses it
   * @param transposedInHf whether the stored tensor is the transpose of {@code shape}
   */
  NDArray create(String name, Shape shape, Init init, boolean transposedInHf);
}
