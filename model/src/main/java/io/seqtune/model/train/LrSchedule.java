package io.seqtune.model.train;

import io.seqtune.model.TrainConfig;

/**
 * transformers' schedules (get_cosine_schedule_with_warmup and friends): the rate for optimizer
 * step k (0-based) is lr * warmup ramp k / warmup, then a decay from 1 to minLrRatio at totalSteps.
 */
public final class LrSchedule {
  private final TrainConfig config;
  private final long totalSteps;

  public LrSchedule(TrainConfig config, long totalSteps) {
    this.config = config;
    this.totalSteps = totalSteps;
  }

  public double lr(long step) {
    if (step < config.warmupSteps()) {
      return config.learningRate() * step / Math.max(1, config.warmupSteps());
    }
    double progress =
        (double) (step - config.warmupSteps()) / Math.max(1, totalSteps - config.warmupSteps());
    double decay =
        switch (config.schedule()) {
          case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
          case "linear" -> Math.max(0, 1 - progress);
          default -> 1;
        };
    double min = config.minLrRatio();
    return config.learningRate() * (min + (1 - min) * decay);
  }
}
