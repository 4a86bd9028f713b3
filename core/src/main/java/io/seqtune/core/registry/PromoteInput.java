package io.seqtune.core.registry;

import io.seqtune.core.spec.PipelineSpec;
import java.util.Map;

/** Register the run's final checkpoint as a model version, then offer it for champion. */
public record PromoteInput(
    PipelineSpec spec,
    String runId,
    String datasetKey,
    String checkpointKey,
    Map<String, Double> metrics) {}
