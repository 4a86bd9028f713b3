package io.seqtune.core.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** One entry of a task's append-only promotion log, and the answer of a promotion attempt. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Promotion(
    String task,
    String version,
    boolean promoted,
    String previousChampion,
    String metric,
    Double value,
    Double championValue,
    String reason,
    Map<String, Double> metrics,
    String at) {}
