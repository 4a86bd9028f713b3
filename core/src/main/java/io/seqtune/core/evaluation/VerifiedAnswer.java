package io.seqtune.core.evaluation;

import io.seqtune.chem.VerifiedName;
import io.seqtune.chem.VerifiedReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A test input whose verified translation succeeded: the candidate OPSIN maps back to the source
 * molecule, listed in the evaluation report so a reader can look at what the model gets right.
 *
 * @param rank the answer's position among the candidates (0 = the top beam)
 */
public record VerifiedAnswer(String source, String reference, String name, int rank) {
  /** Answers listed per report: enough to read, small enough to keep the report light. */
  public static final int LISTED = 50;

  /** The first {@link #LISTED} verified answers, in test-set order. */
  public static List<VerifiedAnswer> listed(
      List<VerifiedReport.Case> cases, List<VerifiedName> answers) {
    List<VerifiedAnswer> out = new ArrayList<>();
    for (int i = 0; i < cases.size() && out.size() < LISTED; i++) {
      VerifiedName a = answers.get(i);
      if (a.verified()) {
        out.add(
            new VerifiedAnswer(
                cases.get(i).source(), cases.get(i).reference(), a.name(), a.rank()));
      }
    }
    return out;
  }
}
