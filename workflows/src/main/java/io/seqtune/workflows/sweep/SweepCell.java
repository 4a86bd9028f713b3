package io.seqtune.workflows.sweep;

import io.seqtune.activities.report.GridCell;
import io.seqtune.activities.spec.PipelineSpec;

/** A grid cell and the pipeline spec that trains it. */
public record SweepCell(GridCell cell, PipelineSpec spec) {}
