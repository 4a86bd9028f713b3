package io.seqtune.workflows.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Keys of what the run stored and its headline numbers; the artifacts stay in the object store.
 * Recorded in workflow histories: the component names are its JSON shape, so keep them.
 */
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
    String promotionReason) {

  public static Builder builder() {
    return new Builder();
  }

  /** Sets components by name; unset ones are null, zero or false. */
  public static final class Builder {
    private String runId;
    private String task;
    private String datasetKey;
    private int trainExamples;
    private int testExamples;
    private int epochs;
    private List<String> checkpoints = List.of();
    private List<Double> trainLoss = List.of();
    private List<Double> valLoss = List.of();
    private String reportKey;
    private Map<String, Double> metrics = Map.of();
    private String modelVersion;
    private String weightsSha256;
    private boolean champion;
    private String promotionReason;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder task(String task) {
      this.task = task;
      return this;
    }

    /** The dataset and its split sizes. */
    public Builder dataset(String key, int trainExamples, int testExamples) {
      this.datasetKey = key;
      this.trainExamples = trainExamples;
      this.testExamples = testExamples;
      return this;
    }

    /** Per epoch, index {@code e - 1}: its checkpoint key and mean train and validation loss. */
    public Builder epochs(
        int epochs, List<String> checkpoints, List<Double> trainLoss, List<Double> valLoss) {
      this.epochs = epochs;
      this.checkpoints = List.copyOf(checkpoints);
      this.trainLoss = List.copyOf(trainLoss);
      this.valLoss = List.copyOf(valLoss);
      return this;
    }

    public Builder evaluation(String reportKey, Map<String, Double> metrics) {
      this.reportKey = reportKey;
      this.metrics = metrics;
      return this;
    }

    public Builder promotion(
        String modelVersion, String weightsSha256, boolean champion, String reason) {
      this.modelVersion = modelVersion;
      this.weightsSha256 = weightsSha256;
      this.champion = champion;
      this.promotionReason = reason;
      return this;
    }

    public PipelineResult build() {
      return new PipelineResult(
          runId,
          task,
          datasetKey,
          trainExamples,
          testExamples,
          epochs,
          checkpoints,
          trainLoss,
          valLoss,
          reportKey,
          metrics,
          modelVersion,
          weightsSha256,
          champion,
          promotionReason);
    }
  }
}
