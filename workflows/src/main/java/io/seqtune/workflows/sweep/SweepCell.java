package io.seqtune.workflows.sweep;

import io.seqtune.activities.spec.PipelineSpec;

/** One point of a sweep's grid and the pipeline spec that trains it, run as child workflow {@code workflowId}. */
public record SweepCell(
    String id,
    String workflowId,
    String model,
    int size,
    int epochs,
    String format,
    int loraRank,
    PipelineSpec spec) {}
