package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Fresh weights as Hugging Face initialises them, drawn from a seeded Java RNG in creation order.
 * Values are written into one reused off-heap staging buffer and copied into torch-owned memory, so
 * initialising a large model costs neither Java heap nor a second copy of the weights.
 */
public final class RandomWeights implements WeightSource {
  private final NDManager manager;
  private final Random random;
  private final double defaultStd;
  private ByteBuffer staging = ByteBuffer.allocateDirect(0);

  public RandomWeights(NDManager manager, long seed, double defaultStd) {
    this.manager = manager;
    this.random = new Random(seed);
    this.defaultStd = defaultStd;
  }

  @Override
  public NDArray create(String name, Shape shape, Init init, boolean transposedInHf) {
    return switch (init.kind()) {
      case ZEROS -> manager.zeros(shape);
      case ONES -> manager.ones(shape);
      case NORMAL -> {
        double std = Double.isNaN(init.std()) ? defaultStd : init.std();
        int n = Math.toIntExact(shape.size());
        if (staging.capacity() < 4L * n) {
          staging = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        FloatBuffer values = staging.asFloatBuffer();
        for (int i = 0; i < n; i++) {
          values.put((float) (random.nextGaussian() * std));
        }
        staging.limit(4 * n);
        // The view reads the staging buffer in place; duplicate() copies it out before reuse.
        try (NDArray view = manager.create(staging, shape, DataType.FLOAT32)) {
          yield view.duplicate();
        }
      }
    };
  }
}
