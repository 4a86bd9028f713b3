package io.seqtune.workflows.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.dataset.DatasetActivities;
import io.seqtune.activities.evaluation.EvaluationActivities;
import io.seqtune.activities.registry.RegistryActivities;
import io.seqtune.activities.runs.RunRecordActivities;
import io.seqtune.activities.training.TrainingActivities;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.SpecException;
import io.seqtune.core.spec.SpecReader;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.PretrainEpochInput;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.Queues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Both workflow types of a pipeline: the run a user starts, and its continuations. */
public class FineTunePipelineImpl implements FineTunePipelineJson, FineTunePipelineContinued {

  private static final ObjectMapper SPEC_JSON = new ObjectMapper();

  private static final RetryOptions TRANSIENT_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(20)
          .setDoNotRetry(ActivityFailures.NON_RETRYABLE)
          .build();

  private final DatasetActivities datasets =
      Workflow.newActivityStub(
          DatasetActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(Queues.GPU)
              .setStartToCloseTimeout(Duration.ofHours(6))
              .setRetryOptions(TRANSIENT_RETRIES)
              .build());

  private final EvaluationActivities evaluation =
      Workflow.newActivityStub(
          EvaluationActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(Queues.GPU)
              .setStartToCloseTimeout(Duration.ofHours(6))
              .setHeartbeatTimeout(Duration.ofMinutes(2))
              .setRetryOptions(TRANSIENT_RETRIES)
              .build());

  private final RegistryActivities registry =
      Workflow.newActivityStub(
          RegistryActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(FineTunePipeline.TASK_QUEUE)
              .setStartToCloseTimeout(Duration.ofMinutes(30))
              .setRetryOptions(TRANSIENT_RETRIES)
              .build());

  private final RunRecordActivities records =
      Workflow.newActivityStub(
          RunRecordActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(FineTunePipeline.TASK_QUEUE)
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .setMaximumAttempts(6)
                      .build())
              .build());

  /** Runs begun before run records existed replay without them. */
  private boolean recording;

  private String runId;
  private String stage = "validating";
  private int epoch;
  private int epochs;
  private long step;
  private Double loss;
  private String datasetKey;
  private final List<String> checkpoints = new ArrayList<>();
  private final List<Double> trainLoss = new ArrayList<>();
  private final List<Double> valLoss = new ArrayList<>();
  private Map<String, Double> metrics = Map.of();
  private String modelVersion;
  private Boolean champion;
  private int pretrainEpoch;
  private int pretrainEpochs;
  private long pretrainStep;
  private Double pretrainLoss;
  private final List<String> pretrainCheckpoints = new ArrayList<>();
  private final List<Double> pretrainTrainLoss = new ArrayList<>();
  private final List<Double> pretrainValLoss = new ArrayList<>();

  @Override
  public PipelineResult run(JsonNode requested) {
    recording = Workflow.getVersion("run-records", Workflow.DEFAULT_VERSION, 1) == 1;
    String workflowId = Workflow.getInfo().getWorkflowId();
    PipelineSpec spec;
    try {
      spec = SpecReader.pipeline(requested);
    } catch (SpecException e) {
      runId = sanitized(workflowId);
      record(() -> records.rejected(runId, workflowId, e.getMessage()));
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), ActivityFailures.INVALID_SPEC);
    }
    begin(spec);
    PipelineSpec run = spec.withRunId(runId);
    return recordingTheEnd(
        run,
        () -> {
          RunStart start =
              recording
                  ? records.started(
                      new RunStarted(
                          runId,
                          workflowId,
                          run.task(),
                          run.model().base(),
                          epochs,
                          SPEC_JSON.valueToTree(run)))
                  : RunStart.fresh();
          return pipeline(run, null, start);
        });
  }

  @Override
  public PipelineResult carryOn(PipelineSpec spec, PipelineCarry carried) {
    recording = Workflow.getVersion("run-records", Workflow.DEFAULT_VERSION, 1) == 1;
    PipelineSpec valid = validated(spec);
    begin(valid);
    PipelineSpec run = valid.withRunId(runId);
    return recordingTheEnd(run, () -> pipeline(run, carried, RunStart.fresh()));
  }

  private void begin(PipelineSpec spec) {
    runId = spec.runId() != null ? spec.runId() : sanitized(Workflow.getInfo().getWorkflowId());
    epochs = spec.train().epochs();
  }

  private static String sanitized(String workflowId) {
    return workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Runs the pipeline and records how it ended: FAILED with the reason, or CANCELED with the
   * checkpoint the cancelled epoch left (written outside the cancelled scope).
   */
  private PipelineResult recordingTheEnd(PipelineSpec spec, Supplier<PipelineResult> pipeline) {
    try {
      PipelineResult r = pipeline.get();
      record(
          () ->
              records.ended(
                  runId,
                  new RunOutcome(
                      RunRecord.COMPLETED,
                      null,
                      r.reportKey(),
                      r.metrics(),
                      spec.promote().metric(),
                      r.modelVersion(),
                      r.champion(),
                      r.promotionReason())));
      return r;
    } catch (TemporalFailure e) {
      if (e instanceof CanceledFailure || e.getCause() instanceof CanceledFailure) {
        Workflow.newDetachedCancellationScope(
                () -> record(() -> records.ended(runId, RunOutcome.cancelled())))
            .run();
      } else {
        record(() -> records.ended(runId, RunOutcome.failed(reason(e))));
      }
      throw e;
    }
  }

  /** The innermost application failure's message: what went wrong, not where. */
  private static String reason(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        message = af.getOriginalMessage();
      }
    }
    return message;
  }

  /** A record that cannot be written is skipped: records report a run, they never stop it. */
  private void record(Runnable write) {
    if (!recording) {
      return;
    }
    try {
      write.run();
    } catch (ActivityFailure e) {
      Workflow.getLogger(FineTunePipelineImpl.class)
          .warn("run {}: run record not written: {}", runId, reason(e));
    }
  }

  private void enter(String next) {
    stage = next;
    record(() -> records.stage(runId, next));
  }

  private PipelineResult pipeline(PipelineSpec spec, PipelineCarry carried, RunStart start) {

    PipelineCarry carry = carried;
    if (carry == null) {
      enter("dataset");
      DatasetRef dataset = datasets.buildDataset(spec);
      record(() -> records.dataset(runId, dataset.key(), dataset.train(), dataset.test()));
      carry = PipelineCarry.resuming(dataset, start.finishedEpochs());
    }
    restore(carry);
    // Runs without a pretraining stage record no version marker: their histories stay as they were.
    if (spec.pretrains() && Workflow.getVersion("pretraining", Workflow.DEFAULT_VERSION, 1) == 1) {
      carry = pretrain(spec, carry, start);
    }
    String pretrained = carry.pretraining() == null ? null : carry.pretraining().lastCheckpoint();

    enter("training");
    TrainingActivities training = trainingStub(spec);
    for (epoch = carry.epochsDone() + 1; epoch <= epochs; epoch++) {
      String previous = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
      EpochResult result =
          training.trainEpoch(
              new TrainEpochInput(spec, runId, datasetKey, epoch, previous, pretrained));
      checkpoints.add(result.checkpointKey());
      trainLoss.add(result.trainLoss());
      valLoss.add(result.valLoss());
      step = result.globalStep();
      loss = result.trainLoss();
      RunRecord.EpochEnd end =
          new RunRecord.EpochEnd(
              epoch, step, result.checkpointKey(), result.trainLoss(), result.valLoss());
      record(() -> records.epochEnded(runId, end));
      if (epoch % FineTunePipeline.EPOCHS_PER_RUN == 0 && epoch < epochs) {
        // Keeps each run's history short however many epochs there are.
        Workflow.newContinueAsNewStub(FineTunePipelineContinued.class)
            .carryOn(spec, carry.after(step, checkpoints, trainLoss, valLoss));
      }
    }
    epoch = epochs;
    String checkpoint = checkpoints.get(checkpoints.size() - 1);

    enter("evaluation");
    EvalResult eval = evaluation.evaluate(new EvaluateInput(spec, runId, datasetKey, checkpoint));
    metrics = withValLoss(eval.metrics());

    enter("promotion");
    PromotionResult promotion =
        registry.promote(new PromoteInput(spec, runId, datasetKey, checkpoint, metrics));
    modelVersion = promotion.version();
    champion = promotion.champion();

    stage = "done";
    return PipelineResult.builder()
        .runId(runId)
        .task(spec.task())
        .dataset(datasetKey, carry.trainExamples(), carry.testExamples())
        .epochs(epochs, checkpoints, trainLoss, valLoss)
        .evaluation(eval.reportKey(), metrics)
        .promotion(
            modelVersion, promotion.weightsSha256(), promotion.champion(), promotion.reason())
        .build();
  }

  /**
   * The pretraining stage: the corpus (built or reused), then each pretraining epoch not yet
   * finished, checkpointed and resumable as fine-tuning's are; continues as new every {@link
   * FineTunePipeline#EPOCHS_PER_RUN} of its epochs. Returns {@code carry} with the stage finished.
   */
  private PipelineCarry pretrain(PipelineSpec spec, PipelineCarry carry, RunStart start) {
    pretrainEpochs = spec.pretrain().epochs();
    PretrainingCarry stage = carry.pretraining();
    if (stage != null && stage.epochsDone() >= pretrainEpochs) {
      restorePretraining(stage);
      return carry;
    }
    enter(Phase.PRETRAINING.stage());
    if (stage == null) {
      CorpusRef corpus = datasets.buildCorpus(spec, datasetKey);
      record(() -> records.corpus(runId, corpus, pretrainEpochs));
      stage = PretrainingCarry.resuming(corpus.key(), start.pretrainingEpochs());
    }
    restorePretraining(stage);
    TrainingActivities training = trainingStub(spec);
    for (pretrainEpoch = stage.epochsDone() + 1; pretrainEpoch <= pretrainEpochs; pretrainEpoch++) {
      String previous = last(pretrainCheckpoints);
      EpochResult result =
          training.pretrainEpoch(
              new PretrainEpochInput(
                  spec, runId, stage.corpusKey(), datasetKey, pretrainEpoch, previous));
      pretrainCheckpoints.add(result.checkpointKey());
      pretrainTrainLoss.add(result.trainLoss());
      pretrainValLoss.add(result.valLoss());
      pretrainStep = result.globalStep();
      pretrainLoss = result.trainLoss();
      RunRecord.EpochEnd end =
          new RunRecord.EpochEnd(
              pretrainEpoch,
              pretrainStep,
              result.checkpointKey(),
              result.trainLoss(),
              result.valLoss());
      record(() -> records.pretrainingEpochEnded(runId, end));
      if (pretrainEpoch % FineTunePipeline.EPOCHS_PER_RUN == 0 && pretrainEpoch < pretrainEpochs) {
        Workflow.newContinueAsNewStub(FineTunePipelineContinued.class)
            .carryOn(spec, carry.with(pretrainedSoFar(stage)));
      }
    }
    pretrainEpoch = pretrainEpochs;
    return carry.with(pretrainedSoFar(stage));
  }

  private PretrainingCarry pretrainedSoFar(PretrainingCarry stage) {
    return stage.after(pretrainStep, pretrainCheckpoints, pretrainTrainLoss, pretrainValLoss);
  }

  private void restorePretraining(PretrainingCarry stage) {
    pretrainStep = stage.step();
    pretrainCheckpoints.clear();
    pretrainCheckpoints.addAll(stage.checkpoints());
    pretrainTrainLoss.clear();
    pretrainTrainLoss.addAll(stage.trainLoss());
    pretrainValLoss.clear();
    pretrainValLoss.addAll(stage.valLoss());
    pretrainEpoch = stage.epochsDone();
    pretrainLoss = last(pretrainTrainLoss);
  }

  private static <T> T last(List<T> list) {
    return list.isEmpty() ? null : list.get(list.size() - 1);
  }

  /** What the progress query shows from the first moment of a continued run. */
  private void restore(PipelineCarry carry) {
    datasetKey = carry.datasetKey();
    step = carry.step();
    checkpoints.addAll(carry.checkpoints());
    trainLoss.addAll(carry.trainLoss());
    valLoss.addAll(carry.valLoss());
    epoch = carry.epochsDone();
    loss = trainLoss.isEmpty() ? null : trainLoss.get(trainLoss.size() - 1);
  }

  /**
   * Waits for a cancelled epoch to write its checkpoint before the run counts as cancelled; a
   * worker that stops heartbeating for {@code train.heartbeatSeconds} has its epoch retried.
   */
  private static TrainingActivities trainingStub(PipelineSpec spec) {
    return Workflow.newActivityStub(
        TrainingActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(Queues.GPU)
            .setStartToCloseTimeout(Duration.ofHours(24))
            .setHeartbeatTimeout(Duration.ofSeconds(spec.train().heartbeatSeconds()))
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(TRANSIENT_RETRIES)
            .build());
  }

  private Map<String, Double> withValLoss(Map<String, Double> evalMetrics) {
    Map<String, Double> all = new TreeMap<>(evalMetrics);
    if (!valLoss.isEmpty()) {
      all.put("val_loss", valLoss.get(valLoss.size() - 1));
    }
    return all;
  }

  /** A continued run's spec, as its first run validated it. */
  private static PipelineSpec validated(PipelineSpec requested) {
    try {
      return requested.withDefaults().validate();
    } catch (SpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), ActivityFailures.INVALID_SPEC);
    }
  }

  /** While pretraining, the position is the pretraining stage's. */
  @Override
  public PipelineProgress progress() {
    boolean pretraining = Phase.PRETRAINING.stage().equals(stage);
    return PipelineProgress.builder()
        .runId(runId)
        .stage(stage)
        .position(
            pretraining ? pretrainEpoch : epoch,
            pretraining ? pretrainEpochs : epochs,
            pretraining ? pretrainStep : step,
            pretraining ? pretrainLoss : loss)
        .datasetKey(datasetKey)
        .finishedEpochs(checkpoints, trainLoss, valLoss)
        .metrics(metrics)
        .promotion(modelVersion, champion)
        .build();
  }
}
