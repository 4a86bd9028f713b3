package io.seqtune.core.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code runs/<runId>/run.json}: a run as the object store keeps it, readable without Temporal.
 * {@link RunRecords} writes it at start, at every stage change, checkpoint and epoch end, and at
 * the end. Readers tolerate missing fields and ignore unknown ones. Times are ISO-8601 instants.
 *
 * <p>{@code curve.train} holds {@code [step, loss]} per optimizer step (at most {@link
 * RunRecords#MAX_CURVE_POINTS}, thinned evenly), {@code curve.val} {@code [step, loss]} per epoch;
 * {@code epochResults} one entry per finished epoch, which a resumed run carries on from. A run
 * with a pretraining stage keeps that stage's progress, in the same fields, under {@code
 * pretraining}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(
    String runId,
    String workflowId,
    String task,
    String baseModel,
    String status,
    String stage,
    Integer epoch,
    Integer epochs,
    Long step,
    Long totalSteps,
    Double loss,
    Double tokensPerSecond,
    Curve curve,
    List<Stage> stages,
    List<Checkpoint> checkpoints,
    List<EpochEnd> epochResults,
    String datasetKey,
    Integer trainExamples,
    Integer testExamples,
    String reportKey,
    Map<String, Double> metrics,
    String keyMetric,
    String modelVersion,
    Boolean champion,
    String promotionReason,
    String error,
    JsonNode spec,
    Pretraining pretraining,
    String created,
    String updated,
    String ended) {

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String CANCELED = "CANCELED";

  /** Loss curves: {@code [step, loss]} pairs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Curve(List<double[]> train, List<double[]> val) {}

  /** One stage of the run; {@code attempts} counts its tries, {@code error} the last failure. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stage(String stage, String started, String ended, Integer attempts, String error) {}

  /** A complete checkpoint in the store. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Checkpoint(String key, long step, int epoch, Long bytes, String sha256) {}

  /** A finished epoch: its end checkpoint and mean losses. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EpochEnd(
      int epoch, long step, String checkpoint, Double trainLoss, Double valLoss) {}

  /**
   * The pretraining stage: its corpus ({@code texts} kept, {@code excluded} as held-out answers),
   * then its progress as the top-level fields report fine-tuning's.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pretraining(
      String corpusKey,
      Integer texts,
      Long excluded,
      Integer epoch,
      Integer epochs,
      Long step,
      Long totalSteps,
      Double loss,
      Double tokensPerSecond,
      Curve curve,
      List<Checkpoint> checkpoints,
      List<EpochEnd> epochResults) {}

  public boolean running() {
    return RUNNING.equals(status);
  }
}
