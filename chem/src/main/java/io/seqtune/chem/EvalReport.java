package io.seqtune.chem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Scores of a set of predictions. The chemistry fields (parse rate, round trip, Tanimoto,
 * per-bucket round trip) are null for a text-only evaluation and left out of the JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalReport(
    int n,
    double exactMatch,
    Double parseRate,
    Double roundtripAccuracy,
    Double meanTanimoto,
    double bleu4,
    double normalizedEditDistance,
    List<HeavyAtomBucket> byHeavyAtoms,
    List<ScoredExample> worst) {

  /**
   * Scores of the examples whose source molecule has a heavy-atom count in the named range, e.g.
   * "11-20".
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record HeavyAtomBucket(
      String bucket, int n, double exactMatch, double roundtripAccuracy) {}

  /** One judged example; parsed, matched and tanimoto are null for a text-only evaluation. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScoredExample(
      String input,
      String reference,
      String prediction,
      boolean exact,
      double normalizedEditDistance,
      Boolean parsed,
      Boolean matched,
      Double tanimoto,
      Integer heavyAtoms,
      String error) {}
}
