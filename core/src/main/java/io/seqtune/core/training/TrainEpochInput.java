package io.seqtune.core.training;

import io.seqtune.core.spec.PipelineSpec;

/**
 * One fine-tuning epoch of one run: the spec, the dataset, and the checkpoint it starts from (null:
 * the start of fine-tuning). {@code pretrained} is the pretraining stage's last checkpoint, whose
 * weights and tokenizer fine-tuning starts from when it has no checkpoint of its own (null: the
 * base model, or a fresh one).
 */
public record TrainEpochInput(
    PipelineSpec spec,
    String runId,
    String datasetKey,
    int epoch,
    String fromCheckpoint,
    String pretrained) {

  /** An epoch of a run without a pretraining stage. */
  public TrainEpochInput(
      PipelineSpec spec, String runId, String datasetKey, int epoch, String fromCheckpoint) {
    this(spec, runId, datasetKey, epoch, fromCheckpoint, null);
  }
}
