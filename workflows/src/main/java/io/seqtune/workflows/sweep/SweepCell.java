package io.seqtune.workflows.sweep;

import io.seqtune.core.report.GridCell;
import io.seqtune.core.spec.PipelineSpec;

/** A grid cell and the pipeline spec that trains it. */
public record SweepCell(GridCell cell, PipelineSpec spec) {}
