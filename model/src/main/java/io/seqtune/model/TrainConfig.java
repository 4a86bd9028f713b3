package io.seqtune.model;

/**
 * Optimisation settings. AdamW follows torch.optim.AdamW; weight decay skips biases and norm
 * weights (every 1-D parameter). The learning rate warms up linearly for {@code warmupSteps}, then
 * decays to {@code minLrRatio * learningRate} by the last step ("cosine" or "linear"), or stays
 * ("constant"). {@code gradClip <= 0} disables clipping. One optimizer step happens every {@code
 * gradAccumulation} calls of {@link Trainer#step}.
 *
 * <p>Build one by name, starting from the defaults: {@code
 * TrainConfig.builder().learningRate(1e-3).schedule("constant").build()}; {@link #toBuilder()}
 * changes a few settings of an existing config.
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

  /**
   * lr 5e-4, weight decay 0.01, betas (0.9, 0.999), eps 1e-8, no warm-up, cosine to 0, clip 1.0, no
   * accumulation, seed 0.
   */
  public static TrainConfig defaults() {
    return builder().build();
  }

  /** A builder holding {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's settings. */
  public Builder toBuilder() {
    return new Builder()
        .learningRate(learningRate)
        .weightDecay(weightDecay)
        .betas(beta1, beta2)
        .eps(eps)
        .warmupSteps(warmupSteps)
        .schedule(schedule)
        .minLrRatio(minLrRatio)
        .gradClip(gradClip)
        .gradAccumulation(gradAccumulation)
        .seed(seed);
  }

  /** Named settings for {@link TrainConfig}; unset ones keep the defaults. */
  public static final class Builder {
    private double learningRate = 5e-4;
    private double weightDecay = 0.01;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private int warmupSteps;
    private String schedule = "cosine";
    private double minLrRatio;
    private double gradClip = 1.0;
    private int gradAccumulation = 1;
    private long seed;

    private Builder() {}

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder betas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    public Builder warmupSteps(int warmupSteps) {
      this.warmupSteps = warmupSteps;
      return this;
    }

    /** "cosine", "linear" or "constant". */
    public Builder schedule(String schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder minLrRatio(double minLrRatio) {
      this.minLrRatio = minLrRatio;
      return this;
    }

    /** Global gradient-norm limit; {@code <= 0} disables clipping. */
    public Builder gradClip(double gradClip) {
      this.gradClip = gradClip;
      return this;
    }

    public Builder gradAccumulation(int gradAccumulation) {
      this.gradAccumulation = gradAccumulation;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(
          learningRate,
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
}
