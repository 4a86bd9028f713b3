package io.seqtune.core.report;

/**
 * One point of a sweep's grid: base model, training-set size, epochs, instruction format and LoRA
 * rank (0 = full fine-tuning), with its readable id and the id of the child workflow that trains
 * it.
 */
public record GridCell(
    String id, String workflowId, String model, int size, int epochs, String format, int loraRank) {

  /** "full" for full fine-tuning, "lora-r8" for a rank-8 adapter. */
  public String tuning() {
    return loraRank == 0 ? "full" : "lora-r" + loraRank;
  }
}
