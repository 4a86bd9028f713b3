package io.seqtune.workflows.pipeline;

import java.util.List;
import java.util.Map;

/** Keys of what the run stored and its headline numbers; the artifacts stay in the object store. */
public record PipelineResult(
    String runId,
    String task,
    String datasetKey,
    int trainExamples,
    int testExamples,
    int epochs,
    List<String> checkpoints,
    List<Double> trainLoss,
    List<Double> valLoss,
    String reportKey,
    Map<String, Double> metrics,
    String modelVersion,
    String weightsSha256,
    boolean champion,
    String promotionReason) {}
