package io.seqtune.model;

/**
 * Optimisation settings. AdamW follows torch.optim.AdamW; weight decay skips biases and norm
 * weights (every 1-D parameter). The learning rate warms up linearly for {@code warmupSteps}, then
 * decays to {@code minLrRatio * learningRate} by the last step ("cosine" or "linear"), or stays
 * ("constant"). {@code gradClip <= 0} disables clipping. One optimizer step happens every {@code
 * gradAccumulation} calls of {@link Trainer#step}.
 */
public record TrainConfig(
    double learningRate,
    double weightDecay,
    double beta1,
    double beta2,
    double eps,
    int warmupSteps,
    String schedule,
    double minLrRatio,
    double gradClip,
    int gradAccumulation,
    long seed) {

  public TrainConfig {
    if (!schedule.equals("cosine") && !schedule.equals("linear") && !schedule.equals("constant")) {
      throw new IllegalArgumentException(
          "schedule must be cosine, linear or constant, not " + schedule);
    }
    if (gradAccumulation < 1) {
      throw new IllegalArgumentException("gradAccumulation must be >= 1");
    }
  }

  public static TrainConfig defaults() {
    return new TrainConfig(5e-4, 0.01, 0.9, 0.999, 1e-8, 0, "cosine", 0.0, 1.0, 1, 0);
  }

  public TrainConfig withLearningRate(double lr) {
    return new TrainConfig(
        lr,
        weightDecay,
        beta1,
        beta2,
        eps,
        warmupSteps,
        schedule,
        minLrRatio,
        gradClip,
        gradAccumulation,
        seed);
  }
}
