package io.seqtune.workflows.sweep;

import io.seqtune.core.report.CellOutcome;
import java.util.List;

/**
 * The answer to the {@code progress} query: how many cells exist and run, and those finished so
 * far.
 */
public record SweepProgress(String sweepId, int cells, int running, List<CellOutcome> finished) {}
