package io.seqtune.core.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.Isotopes;
import io.seqtune.chem.Stereo;
import io.seqtune.chem.VerifiedName;
import io.seqtune.chem.VerifiedReport;
import io.seqtune.core.dataset.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verified translation of a test set from decoded candidates: each input's first candidate whose
 * OPSIN structure is the input, the coverage curve against candidates tried, and what it cost.
 *
 * @param verified the verified-translation report over every candidate
 * @param coverageAtK {@link CoverageCurve} at k = 1, 2, 4, ... up to the search's most candidates
 * @param candidatesPerInput distinct candidates an input got, on average
 * @param decodeSecondsPerInput wall seconds of decoding per input (as measured by the caller)
 * @param verifySecondsPerInput wall seconds of OPSIN round trips per input
 * @param verifiedAnswers the first verified answers ({@link VerifiedAnswer#listed}), for the
 *     evaluation report; left out of this record's JSON
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifiedCoverage(
    VerifiedReport verified,
    Map<String, Double> coverageAtK,
    double candidatesPerInput,
    double decodeSecondsPerInput,
    double verifySecondsPerInput,
    @JsonIgnore List<VerifiedAnswer> verifiedAnswers) {

  /**
   * Checks {@code candidates} (one list per example, in decoding order) against the examples'
   * inputs; {@code decodeSeconds} is what decoding them took.
   */
  public static VerifiedCoverage of(
      List<Example> examples,
      List<List<String>> candidates,
      CandidateSearch search,
      double decodeSeconds,
      Stereo stereo,
      Isotopes isotopes) {
    List<VerifiedReport.Case> cases = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      cases.add(new VerifiedReport.Case(e.input(), e.output(), candidates.get(i)));
    }
    long began = System.nanoTime();
    List<VerifiedName> answers = VerifiedReport.choose(cases, stereo, isotopes);
    double verifySeconds = (System.nanoTime() - began) / 1e9;
    int n = Math.max(1, examples.size());
    return new VerifiedCoverage(
        VerifiedReport.of(cases, answers),
        CoverageCurve.of(answers, search.maxCandidates()),
        candidates.stream().mapToInt(List::size).average().orElse(0),
        decodeSeconds / n,
        verifySeconds / n,
        VerifiedAnswer.listed(cases, answers));
  }
}
