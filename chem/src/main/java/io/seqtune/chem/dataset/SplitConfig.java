package io.seqtune.chem.dataset;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How molecules are split. Fractions are expected shares: each structure (or scaffold) is assigned
 * by a seeded hash, so splits are stable when data is added and never share a structure.
 *
 * @param scaffold group by Bemis–Murcko scaffold, so test scaffolds are unseen in training
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SplitConfig(
    double train, double validation, double test, long seed, boolean scaffold) {
  public SplitConfig {
    if (train < 0
        || validation < 0
        || test < 0
        || Math.abs(train + validation + test - 1.0) > 1e-6) {
      throw new IllegalArgumentException(
          "split fractions must be >= 0 and sum to 1, got "
              + train
              + "/"
              + validation
              + "/"
              + test);
    }
  }

  public static SplitConfig defaults(long seed) {
    return new SplitConfig(0.9, 0.05, 0.05, seed, false);
  }
}
