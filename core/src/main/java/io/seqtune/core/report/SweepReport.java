package io.seqtune.core.report;

import java.util.List;

/** Where a sweep's results table and plots are stored: {@code sweeps/<sweepId>/...}. */
public record SweepReport(String prefix, List<String> keys) {}
