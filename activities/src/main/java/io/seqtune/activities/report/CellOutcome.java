package io.seqtune.activities.report;

import java.util.Map;

/**
 * One cell of a sweep, finished: its grid coordinates, and either the pipeline's metrics and model
 * version or the reason it failed. One row of the results table.
 */
public record CellOutcome(
    String cellId,
    String workflowId,
    String model,
    int size,
    int epochs,
    String format,
    int loraRank,
    boolean completed,
    Map<String, Double> metrics,
    Double finalTrainLoss,
    String modelVersion,
    String failure) {

  /** "full" for full fine-tuning, "lora-r8" for a rank-8 adapter. */
  public String tuning() {
    return loraRank == 0 ? "full" : "lora-r" + loraRank;
  }
}
