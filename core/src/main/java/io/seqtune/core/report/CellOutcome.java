package io.seqtune.core.report;

import java.util.Map;

/**
 * One cell of a sweep, finished: either the pipeline's metrics and model version or the reason it
 * failed. One row of the results table.
 */
public record CellOutcome(
    GridCell cell,
    boolean completed,
    Map<String, Double> metrics,
    Double finalTrainLoss,
    String modelVersion,
    String failure) {}
