package io.seqtune.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way to record and back-propagate a forward pass. DJL allows a single GradientCollector
 * per JVM and torch has one global RNG (dropout draws from it), so trainers on several threads take
 * turns here for seeding + forward + backward; their optimizer updates run in parallel. {@code
 * TensorRulesTest} fails if main code opens a collector or seeds torch anywhere else.
 */
public final class Autograd {
  private static final Object LOCK = new Object();

  private Autograd() {}

  /**
   * Seeds torch's RNG, runs {@code forward} with gradients recorded and back-propagates {@code
   * objective} of its result.
   *
   * @param seed torch's RNG seed for the pass (dropout masks)
   * @param forward computes a scalar, for example the mean loss of a batch
   * @param objective what to differentiate, for example the loss divided by the accumulation steps
   * @return the result of {@code forward}; gradients are accumulated into the parameters
   */
  public static NDArray backward(
      int seed, Supplier<NDArray> forward, UnaryOperator<NDArray> objective) {
    synchronized (LOCK) {
      Engine engine = Engine.getEngine("PyTorch");
      engine.setRandomSeed(seed);
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray result = forward.get();
        collector.backward(objective.apply(result));
        return result;
      }
    }
  }
}
