package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.seqtune.model.ComputeDtype;
import java.util.List;
import java.util.Map;

/**
 * Optimisation: epochs, batch, AdamW and schedule, checkpoint cadence and retention. {@code
 * heartbeatSeconds} is how long a training epoch may go without a heartbeat before Temporal retries
 * it elsewhere: longer than one step plus one checkpoint upload; cancellation reaches a running
 * epoch within about that long. {@code precision} is the compute type of training: {@code float32}
 * (the default when unset) or {@code bfloat16}, computed in bf16 with float32 master weights and
 * optimizer state like PyTorch autocast (fast on CPUs with avx512_bf16 or AMX and on GPUs;
 * elsewhere emulated and slow); evaluation always computes in float32.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainSpec(
    Integer epochs,
    Integer batchSize,
    Double learningRate,
    Integer warmupSteps,
    String schedule,
    Double weightDecay,
    Double gradClip,
    Integer gradAccumulation,
    Long seed,
    Integer checkpointEverySteps,
    Integer keepCheckpoints,
    Integer heartbeatSeconds,
    String precision,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final TrainSpec EMPTY =
      new TrainSpec(
          null, null, null, null, null, null, null, null, null, null, null, null, null, Map.of());
  public static final List<String> SCHEDULES = List.of("cosine", "linear", "constant");
  public static final List<String> PRECISIONS = List.of("float32", "bfloat16");

  TrainSpec withDefaults() {
    return new TrainSpec(
        epochs == null ? 8 : epochs,
        batchSize == null ? 32 : batchSize,
        learningRate == null ? 3e-3 : learningRate,
        warmupSteps == null ? 30 : warmupSteps,
        schedule == null ? "cosine" : schedule,
        weightDecay == null ? 0.01 : weightDecay,
        gradClip == null ? 1.0 : gradClip,
        gradAccumulation == null ? 1 : gradAccumulation,
        seed == null ? 1234L : seed,
        checkpointEverySteps == null ? 0 : checkpointEverySteps,
        keepCheckpoints == null ? 2 : keepCheckpoints,
        heartbeatSeconds == null ? 20 : heartbeatSeconds,
        precision, // unset stays unset: a spec without it keeps its checkpoint key
        unknown == null ? Map.of() : unknown);
  }

  /** The compute type training runs in. */
  @JsonIgnore
  public ComputeDtype computeDtype() {
    return precision == null ? ComputeDtype.FLOAT32 : ComputeDtype.parse(precision);
  }

  void validate(List<String> problems) {
    Unknown.report("train.", unknown, problems);
    if (epochs < 1 || epochs > 1000) {
      problems.add("train.epochs: " + epochs + " is outside 1..1000");
    }
    if (batchSize < 1) {
      problems.add("train.batchSize: must be >= 1");
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      problems.add("train.learningRate: " + learningRate + " is outside (0, 1)");
    }
    if (warmupSteps < 0
        || gradAccumulation < 1
        || checkpointEverySteps < 0
        || keepCheckpoints < 1) {
      problems.add(
          "train: warmupSteps >= 0, gradAccumulation >= 1, checkpointEverySteps >= 0 (0 = epoch ends only), keepCheckpoints >= 1");
    }
    if (heartbeatSeconds < 2 || heartbeatSeconds > 3600) {
      problems.add("train.heartbeatSeconds: " + heartbeatSeconds + " is outside 2..3600");
    }
    if (!SCHEDULES.contains(schedule)) {
      problems.add("train.schedule: '" + schedule + "' is not one of " + SCHEDULES);
    }
    if (precision != null && !PRECISIONS.contains(precision)) {
      problems.add("train.precision: '" + precision + "' is not one of " + PRECISIONS);
    }
    if (weightDecay < 0 || gradClip < 0) {
      problems.add("train.weightDecay and train.gradClip: must be >= 0");
    }
  }
}
