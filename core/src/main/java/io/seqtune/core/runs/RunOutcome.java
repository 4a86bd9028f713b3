package io.seqtune.core.runs;

import java.util.Map;

/** How a run ended, with what is known then; null fields leave the record's value alone. */
public record RunOutcome(
    String status,
    String error,
    String reportKey,
    Map<String, Double> metrics,
    String keyMetric,
    String modelVersion,
    Boolean champion,
    String promotionReason) {

  public static RunOutcome failed(String error) {
    return new RunOutcome(RunRecord.FAILED, error, null, null, null, null, null, null);
  }

  public static RunOutcome cancelled() {
    return new RunOutcome(RunRecord.CANCELED, null, null, null, null, null, null, null);
  }
}
