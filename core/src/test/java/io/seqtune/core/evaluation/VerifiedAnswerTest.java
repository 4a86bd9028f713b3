package io.seqtune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.chem.VerifiedName;
import io.seqtune.chem.VerifiedReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedAnswerTest {
  @Test
  void listsOnlyVerifiedAnswersInTestOrderWithTheirSourceAndReference() {
    List<VerifiedReport.Case> cases =
        List.of(
            new VerifiedReport.Case("CCO", "ethanol", List.of("ethanol")),
            new VerifiedReport.Case("CC", "ethane", List.of("methane")),
            new VerifiedReport.Case("CCC", "propane", List.of("butane", "propane")));
    List<VerifiedName> answers =
        List.of(
            new VerifiedName("ethanol", true, 0),
            new VerifiedName("methane", false, 0),
            new VerifiedName("propane", true, 1));
    assertThat(VerifiedAnswer.listed(cases, answers))
        .containsExactly(
            new VerifiedAnswer("CCO", "ethanol", "ethanol", 0),
            new VerifiedAnswer("CCC", "propane", "propane", 1));
  }

  @Test
  void listsAtMostTheFirstFifty() {
    List<VerifiedReport.Case> cases = new ArrayList<>();
    List<VerifiedName> answers = new ArrayList<>();
    for (int i = 0; i < VerifiedAnswer.LISTED + 5; i++) {
      cases.add(new VerifiedReport.Case("C", "methane", List.of("methane")));
      answers.add(new VerifiedName("methane", true, 0));
    }
    assertThat(VerifiedAnswer.listed(cases, answers)).hasSize(VerifiedAnswer.LISTED);
  }
}
