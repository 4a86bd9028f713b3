package io.seqtune.chem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Scores of a set of predictions. The chemistry fields (parse rate, round trip, Tanimoto,
 * per-bucket round trip, verdict counts) are null for a text-only evaluation and left out of the
 * JSON.
 *
 * @param verdicts how many examples got each {@link Verdict} (by its id), for chemistry
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
    Map<String, Long> verdicts,
    List<ScoredExample> worst) {

  /**
   * Scores of the examples whose source molecule has a heavy-atom count in the named range, e.g.
   * "11-20".
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record HeavyAtomBucket(
      String bucket, int n, double exactMatch, double roundtripAccuracy) {}

  /**
   * One judged example. The chemistry fields (parsed, matched, verdict, tanimoto, heavy atoms) are
   * null for a text-only evaluation; {@code error} says why a source structure could not be read.
   * Built with {@link #builder}.
   */
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
      Verdict verdict,
      Double tanimoto,
      Integer heavyAtoms,
      String error) {

    public static Builder builder(EvalExample example) {
      return new Builder(example);
    }

    /** Text scores first, then (for chemistry) either a judgement or an unreadable source. */
    public static final class Builder {
      private final EvalExample example;
      private boolean exact;
      private double normalizedEditDistance;
      private RoundTrip.Judgement judgement;
      private Integer heavyAtoms;
      private String error;

      private Builder(EvalExample example) {
        this.example = example;
      }

      public Builder text(boolean exact, double normalizedEditDistance) {
        this.exact = exact;
        this.normalizedEditDistance = normalizedEditDistance;
        return this;
      }

      /** The round-trip judgement against a source with this many heavy atoms. */
      public Builder judged(RoundTrip.Judgement judgement, int heavyAtoms) {
        this.judgement = judgement;
        this.heavyAtoms = heavyAtoms;
        return this;
      }

      /** The source structure could not be read: unmatched, with the reason. */
      public Builder unreadableSource(String error) {
        this.judgement = new RoundTrip.Judgement(Verdict.UNREADABLE_REFERENCE, 0.0);
        this.error = error;
        return this;
      }

      public ScoredExample build() {
        return new ScoredExample(
            example.input(),
            example.reference(),
            example.prediction(),
            exact,
            normalizedEditDistance,
            judgement == null ? null : judgement.parsed(),
            judgement == null ? null : judgement.matched(),
            judgement == null ? null : judgement.verdict(),
            judgement == null ? null : judgement.tanimoto(),
            heavyAtoms,
            error);
      }
    }
  }
}
