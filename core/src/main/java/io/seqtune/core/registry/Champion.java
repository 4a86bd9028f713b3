package io.seqtune.core.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The {@code champion} alias of a task: the version serving it, and the metric that put it there.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Champion(
    String task, String version, String metric, Map<String, Double> metrics, String promotedAt) {}
