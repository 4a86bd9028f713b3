package io.seqtune.core.training;

import io.seqtune.core.spec.PipelineSpec;

/**
 * One pretraining epoch of one run: the spec, the corpus it learns, the dataset whose training
 * split the tokenizer is also fitted on, and the pretraining checkpoint it starts from (null: a
 * fresh model).
 */
public record PretrainEpochInput(
    PipelineSpec spec,
    String runId,
    String corpusKey,
    String datasetKey,
    int epoch,
    String fromCheckpoint) {}
