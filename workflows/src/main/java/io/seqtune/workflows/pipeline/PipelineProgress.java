package io.seqtune.workflows.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The answer to the {@code progress} query: where the run is, and every metric so far. Step and
 * loss inside a running epoch live in the training activity's heartbeat details.
 */
public record PipelineProgress(
    String runId,
    String stage,
    int epoch,
    int epochs,
    long step,
    Double loss,
    String datasetKey,
    List<String> checkpoints,
    List<Double> trainLoss,
    List<Double> valLoss,
    Map<String, Double> metrics,
    String modelVersion,
    Boolean champion) {}
