package io.seqtune.core.report;

import java.util.List;

/** Every finished cell of a sweep, and the metric its plots show. */
public record SweepReportInput(
    String sweepId, String task, String metric, List<CellOutcome> cells) {}
