package io.seqtune.chem;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * How verified translation did on a test set.
 *
 * @param coverage share of inputs with a verified answer
 * @param verifiedExactMatch among verified answers, share equal to the reference name
 * @param exactMatch share of all answers (verified or top candidate) equal to the reference
 * @param meanVerifiedRank mean candidate position of verified answers (0 = the top candidate was
 *     right)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifiedReport(
    int n, double coverage, double verifiedExactMatch, double exactMatch, double meanVerifiedRank) {

  /** One input: its source structure, reference name and the candidates in decoding order. */
  public record Case(String source, String reference, List<String> candidates) {}

  public static VerifiedReport evaluate(List<Case> cases, Stereo stereo) {
    return evaluate(cases, stereo, Isotopes.STRICT);
  }

  public static VerifiedReport evaluate(List<Case> cases, Stereo stereo, Isotopes isotopes) {
    return of(cases, choose(cases, stereo, isotopes));
  }

  /** The verified answer of each case, in order (OPSIN round trips run in parallel). */
  public static List<VerifiedName> choose(List<Case> cases, Stereo stereo, Isotopes isotopes) {
    return cases.parallelStream()
        .map(c -> CandidateRanker.choose(c.source(), c.candidates(), stereo, isotopes))
        .toList();
  }

  /** The report of {@code cases} whose verified answers {@link #choose} already found. */
  public static VerifiedReport of(List<Case> cases, List<VerifiedName> answers) {
    int verified = 0;
    int verifiedExact = 0;
    int exact = 0;
    long rankSum = 0;
    for (int i = 0; i < cases.size(); i++) {
      VerifiedName answer = answers.get(i);
      boolean isExact = answer.name().strip().equals(cases.get(i).reference().strip());
      exact += isExact ? 1 : 0;
      if (answer.verified()) {
        verified++;
        verifiedExact += isExact ? 1 : 0;
        rankSum += answer.rank();
      }
    }
    int n = cases.size();
    return new VerifiedReport(
        n,
        n == 0 ? 0 : (double) verified / n,
        verified == 0 ? 0 : (double) verifiedExact / verified,
        n == 0 ? 0 : (double) exact / n,
        verified == 0 ? 0 : (double) rankSum / verified);
  }
}
