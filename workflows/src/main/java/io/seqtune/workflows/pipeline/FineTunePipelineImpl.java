package io.seqtune.workflows.pipeline;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.dataset.DatasetActivities;
import io.seqtune.activities.evaluation.EvaluationActivities;
import io.seqtune.activities.registry.RegistryActivities;
import io.seqtune.activities.training.TrainingActivities;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.SpecException;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.Queues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Both workflow types of a pipeline: the run a user starts, and its continuations. */
public class FineTunePipelineImpl implements FineTunePipeline, FineTunePipelineContinued {

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

  @Override
  public PipelineResult run(PipelineSpec spec) {
    return pipeline(spec, null);
  }

  @Override
  public PipelineResult carryOn(PipelineSpec spec, PipelineCarry carried) {
    return pipeline(spec, carried);
  }

  private PipelineResult pipeline(PipelineSpec requested, PipelineCarry carried) {
    PipelineSpec spec = validated(requested);
    runId =
        spec.runId() != null
            ? spec.runId()
            : Workflow.getInfo().getWorkflowId().replaceAll("[^A-Za-z0-9._-]", "_");
    spec = spec.withRunId(runId);
    epochs = spec.train().epochs();

    PipelineCarry carry = carried;
    if (carry == null) {
      stage = "dataset";
      DatasetRef dataset = datasets.buildDataset(spec);
      carry =
          new PipelineCarry(
              dataset.key(), dataset.train(), dataset.test(), 0, List.of(), List.of(), List.of());
    }
    restore(carry);

    stage = "training";
    TrainingActivities training = trainingStub(spec);
    for (epoch = carry.epochsDone() + 1; epoch <= epochs; epoch++) {
      String previous = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
      EpochResult result =
          training.trainEpoch(new TrainEpochInput(spec, runId, datasetKey, epoch, previous));
      checkpoints.add(result.checkpointKey());
      trainLoss.add(result.trainLoss());
      valLoss.add(result.valLoss());
      step = result.globalStep();
      loss = result.trainLoss();
      if (epoch % FineTunePipeline.EPOCHS_PER_RUN == 0 && epoch < epochs) {
        // Keeps each run's history short however many epochs there are.
        Workflow.newContinueAsNewStub(FineTunePipelineContinued.class)
            .carryOn(
                spec,
                new PipelineCarry(
                    datasetKey,
                    carry.trainExamples(),
                    carry.testExamples(),
                    step,
                    List.copyOf(checkpoints),
                    List.copyOf(trainLoss),
                    List.copyOf(valLoss)));
      }
    }
    epoch = epochs;
    String checkpoint = checkpoints.get(checkpoints.size() - 1);

    stage = "evaluation";
    EvalResult eval = evaluation.evaluate(new EvaluateInput(spec, runId, datasetKey, checkpoint));
    metrics = withValLoss(eval.metrics());

    stage = "promotion";
    PromotionResult promotion =
        registry.promote(new PromoteInput(spec, runId, datasetKey, checkpoint, metrics));
    modelVersion = promotion.version();
    champion = promotion.champion();

    stage = "done";
    return new PipelineResult(
        runId,
        spec.task(),
        datasetKey,
        carry.trainExamples(),
        carry.testExamples(),
        epochs,
        List.copyOf(checkpoints),
        List.copyOf(trainLoss),
        List.copyOf(valLoss),
        eval.reportKey(),
        metrics,
        modelVersion,
        promotion.weightsSha256(),
        promotion.champion(),
        promotion.reason());
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

  /** A spec that cannot run fails the workflow at once; a decoding retry loop would never end. */
  private static PipelineSpec validated(PipelineSpec requested) {
    if (requested == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no pipeline spec given: pass a JSON object, e.g. {\"task\":\"smiles2iupac\"}",
          ActivityFailures.INVALID_SPEC);
    }
    try {
      return requested.withDefaults().validate();
    } catch (SpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), ActivityFailures.INVALID_SPEC);
    }
  }

  @Override
  public PipelineProgress progress() {
    return new PipelineProgress(
        runId,
        stage,
        epoch,
        epochs,
        step,
        loss,
        datasetKey,
        List.copyOf(checkpoints),
        List.copyOf(trainLoss),
        List.copyOf(valLoss),
        metrics,
        modelVersion,
        champion);
  }
}
