package io.seqtune.workflows.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The answer to the {@code progress} query: where the run is, and every metric so far. Step and
 * loss inside a running epoch live in the training activity's heartbeat details. The component
 * names are its JSON shape, so keep them.
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
    Boolean champion) {

  public static Builder builder() {
    return new Builder();
  }

  /** Sets components by name; unset ones are null or zero, lists and metrics empty. */
  public static final class Builder {
    private String runId;
    private String stage;
    private int epoch;
    private int epochs;
    private long step;
    private Double loss;
    private String datasetKey;
    private List<String> checkpoints = List.of();
    private List<Double> trainLoss = List.of();
    private List<Double> valLoss = List.of();
    private Map<String, Double> metrics = Map.of();
    private String modelVersion;
    private Boolean champion;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    /** Epoch {@code epoch} of {@code epochs}, at optimizer step {@code step} with {@code loss}. */
    public Builder position(int epoch, int epochs, long step, Double loss) {
      this.epoch = epoch;
      this.epochs = epochs;
      this.step = step;
      this.loss = loss;
      return this;
    }

    public Builder datasetKey(String datasetKey) {
      this.datasetKey = datasetKey;
      return this;
    }

    /** Per finished epoch: its checkpoint key and mean train and validation loss. */
    public Builder finishedEpochs(
        List<String> checkpoints, List<Double> trainLoss, List<Double> valLoss) {
      this.checkpoints = List.copyOf(checkpoints);
      this.trainLoss = List.copyOf(trainLoss);
      this.valLoss = List.copyOf(valLoss);
      return this;
    }

    public Builder metrics(Map<String, Double> metrics) {
      this.metrics = metrics;
      return this;
    }

    public Builder promotion(String modelVersion, Boolean champion) {
      this.modelVersion = modelVersion;
      this.champion = champion;
      return this;
    }

    public PipelineProgress build() {
      return new PipelineProgress(
          runId,
          stage,
          epoch,
          epochs,
          step,
          loss,
          datasetKey,
          checkpoints,
          trainLoss,
          valLoss,
          metrics,
          modelVersion,
          champion);
    }
  }
}
