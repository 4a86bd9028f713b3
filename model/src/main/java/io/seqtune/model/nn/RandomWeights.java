package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Fresh weights as Hugging Face initialises them, drawn from a seeded Java RNG in creation order.
 */
public final class RandomWeights implements WeightSource {
  private final NDManager manager;
  private final Random random;
  private final double defaultStd;

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
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
        yield manager.create(values, shape);
      }
    };
  }
}
