package io.seqtune.core.evaluation;

import java.util.Map;

/**
 * Headline metrics (small, travels through Temporal) and the key of the full report in the store.
 */
public record EvalResult(String reportKey, int examples, Map<String, Double> metrics) {}
