package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateRankerTest {
  private static final String L_ALANINE = "C[C@@H](C(=O)O)N";

  @Test
  void picksTheFirstCandidateThatParsesToTheSource() {
    List<String> candidates =
        List.of(
            "3-aminopropanoic acid",
            "(2R)-2-aminopropanoic acid",
            "(2S)-2-aminopropanoic acid",
            "L-alanine");
    assertThat(CandidateRanker.choose(L_ALANINE, candidates, Stereo.STRICT))
        .isEqualTo(new VerifiedName("(2S)-2-aminopropanoic acid", true, 2));
    assertThat(CandidateRanker.choose(L_ALANINE, candidates, Stereo.IGNORE).rank()).isEqualTo(1);
  }

  @Test
  void fallsBackToTheTopCandidateUnverified() {
    assertThat(
            CandidateRanker.choose(L_ALANINE, List.of("propanoic acid", "nonsense"), Stereo.STRICT))
        .isEqualTo(new VerifiedName("propanoic acid", false, 0));
  }

  @Test
  void reportsCoverageAndAccuracyOfVerifiedAnswers() {
    VerifiedReport report =
        VerifiedReport.evaluate(
            List.of(
                new VerifiedReport.Case("CCO", "ethanol", List.of("ethanol")),
                new VerifiedReport.Case(
                    "CC(C)O", "propan-2-ol", List.of("propan-1-ol", "2-propanol")),
                new VerifiedReport.Case("CCCC", "butane", List.of("propane"))),
            Stereo.STRICT);
    assertThat(report.n()).isEqualTo(3);
    assertThat(report.coverage()).isEqualTo(2.0 / 3);
    assertThat(report.verifiedExactMatch()).isEqualTo(0.5);
    assertThat(report.exactMatch()).isEqualTo(1.0 / 3);
    assertThat(report.meanVerifiedRank()).isEqualTo(0.5);
  }
}
