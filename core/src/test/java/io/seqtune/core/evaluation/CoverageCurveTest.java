package io.seqtune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.seqtune.chem.VerifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageCurveTest {
  @Test
  void coverageAtKCountsInputsVerifiedWithinTheirFirstKCandidates() {
    List<VerifiedName> answers =
        List.of(
            new VerifiedName("a", true, 0),
            new VerifiedName("b", true, 1),
            new VerifiedName("c", true, 5),
            new VerifiedName("d", false, 0));

    assertThat(CoverageCurve.of(answers, 6))
        .containsExactly(entry("1", 0.25), entry("2", 0.5), entry("4", 0.5), entry("6", 0.75));
  }

  @Test
  void oneCandidateGivesOnePoint() {
    assertThat(CoverageCurve.of(List.of(new VerifiedName("a", true, 0)), 1)).containsOnlyKeys("1");
  }
}
