package io.seqtune.chem;

import java.util.List;

/**
 * Verified translation, chemistry side: given the source molecule and the model's candidates in
 * decoding order, returns the first candidate whose OPSIN structure is the source, or else the top
 * candidate marked unverified.
 */
public final class CandidateRanker {
  private CandidateRanker() {}

  public static VerifiedName choose(
      String sourceStructure, List<String> candidates, Stereo stereo) {
    return choose(sourceStructure, candidates, stereo, Isotopes.STRICT);
  }

  public static VerifiedName choose(
      String sourceStructure, List<String> candidates, Stereo stereo, Isotopes isotopes) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidates to choose from for " + sourceStructure);
    }
    ReferenceStructure source = ReferenceStructure.of(sourceStructure);
    for (int rank = 0; rank < candidates.size(); rank++) {
      if (RoundTrip.judge(candidates.get(rank), source, stereo, isotopes).matched()) {
        return new VerifiedName(candidates.get(rank), true, rank);
      }
    }
    return new VerifiedName(candidates.get(0), false, 0);
  }
}
