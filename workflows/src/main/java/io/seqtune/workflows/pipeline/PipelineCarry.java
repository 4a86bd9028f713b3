package io.seqtune.workflows.pipeline;

import java.util.List;

/**
 * What a pipeline run hands to its continuation (continue-as-new) so the next run carries on
 * training where it stopped: the dataset, and per finished epoch its checkpoint key and losses.
 * Keys and numbers only, a few KB even for hundreds of epochs.
 */
public record PipelineCarry(
    String datasetKey,
    int trainExamples,
    int testExamples,
    long step,
    List<String> checkpoints,
    List<Double> trainLoss,
    List<Double> valLoss) {

  public int epochsDone() {
    return checkpoints.size();
  }
}
