package io.seqtune.core.evaluation;

import io.seqtune.chem.VerifiedName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verified coverage against the number of candidates tried: at k, the share of inputs one of whose
 * first k candidates OPSIN maps back to the input. Read at k = 1, 2, 4, 8, ... and at the most
 * candidates any input had, it shows what a wider search would still buy.
 */
public final class CoverageCurve {
  private CoverageCurve() {}

  /**
   * Coverage at each k (JSON keys in increasing order) given each input's verified answer, whose
   * rank is that of its first verified candidate.
   */
  public static Map<String, Double> of(List<VerifiedName> answers, int maxCandidates) {
    Map<String, Double> curve = new LinkedHashMap<>();
    for (int k = 1; k < maxCandidates; k *= 2) {
      curve.put(Integer.toString(k), coverage(answers, k));
    }
    curve.put(Integer.toString(Math.max(1, maxCandidates)), coverage(answers, maxCandidates));
    return curve;
  }

  private static double coverage(List<VerifiedName> answers, int k) {
    if (answers.isEmpty()) {
      return 0;
    }
    long covered = answers.stream().filter(a -> a.verified() && a.rank() < k).count();
    return (double) covered / answers.size();
  }
}
