package io.seqtune.core.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** One immutable model in the registry: where it came from and how good it was. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersion(
    String task,
    String version,
    String runId,
    String baseModel,
    String datasetKey,
    String checkpointKey,
    Map<String, Double> metrics,
    String weightsSha256,
    String createdAt) {

  /**
   * The version a run registers: named after the run, with the run's base model, dataset, last
   * checkpoint and metrics; the registry sets the creation time.
   */
  public static ModelVersion ofRun(PromoteInput run, String weightsSha256) {
    return new ModelVersion(
        run.spec().task(),
        run.runId(),
        run.runId(),
        run.spec().model().base(),
        run.datasetKey(),
        run.checkpointKey(),
        run.metrics(),
        weightsSha256,
        null);
  }

  /** This version as registered at {@code instant}. */
  public ModelVersion withCreatedAt(String instant) {
    return new ModelVersion(
        task,
        version,
        runId,
        baseModel,
        datasetKey,
        checkpointKey,
        metrics,
        weightsSha256,
        instant);
  }
}
