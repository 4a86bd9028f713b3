package io.seqtune.model;

/**
 * How {@link Sampler} draws: {@code count} sequences per prompt from the model's distribution
 * divided by {@code temperature}, restricted to the {@code topK} most likely tokens (0: all), with
 * a random stream seeded by {@code seed} so that a run repeats.
 */
public record Sampling(int count, double temperature, int topK, long seed) {
  public Sampling {
    if (count < 1) {
      throw new IllegalArgumentException("sampling count must be >= 1, got " + count);
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("sampling temperature must be > 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("sampling topK must be >= 0 (0: all), got " + topK);
    }
  }
}
