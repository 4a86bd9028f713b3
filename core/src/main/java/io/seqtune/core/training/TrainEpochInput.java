package io.seqtune.core.training;

import io.seqtune.core.spec.PipelineSpec;

/**
 * One epoch of one run: the spec, the dataset, and the checkpoint it starts from (null: the base
 * model).
 */
public record TrainEpochInput(
    PipelineSpec spec, String runId, String datasetKey, int epoch, String fromCheckpoint) {}
