package io.seqtune.workflows.sweep;

import io.seqtune.core.report.CellOutcome;
import io.seqtune.core.report.SweepReport;
import java.util.List;

/** Every cell's outcome, in grid order, and where the report is stored. */
public record SweepResult(
    String sweepId, int completed, int failed, List<CellOutcome> cells, SweepReport report) {}
