package io.seqtune.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.seqtune.model.nn.Init;
import io.seqtune.model.nn.WeightSource;

/**
 * Weights read from a Hugging Face checkpoint, converted to float32. Some checkpoints on the Hub
 * (the original gpt2, early OPT) omit the base-model prefix ("h.0..." for "transformer.h.0..."), so
 * a name is also tried without its first component.
 */
public final class CheckpointWeights implements WeightSource {
  private final SafetensorsReader reader;
  private final NDManager manager;

  public CheckpointWeights(SafetensorsReader reader, NDManager manager) {
    this.reader = reader;
    this.manager = manager;
  }

  @Override
  public NDArray create(String name, Shape shape, Init init, boolean transposedInHf) {
    String stored = reader.contains(name) ? name : name.substring(name.indexOf('.') + 1);
    if (!reader.contains(stored)) {
      throw new IllegalArgumentException("checkpoint has no tensor " + name);
    }
    NDArray value = reader.read(stored, manager, DataType.FLOAT32);
    if (!transposedInHf) {
      return value;
    }
    // flatten() copies the transposed view, so the parameter is contiguous.
    NDArray transposed = value.transpose().flatten().reshape(shape);
    value.close();
    return transposed;
  }
}
