package io.seqtune.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.evaluation.EvaluationActivities;
import io.seqtune.activities.registry.RegistryActivities;
import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workflows.PipelineDoubles;
import io.seqtune.workflows.Queues;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The branches of {@link FineTunePipelineImpl} a successful run does not take: a non-retryable
 * activity failure, a transient one, cancellation mid-epoch, and a model that is registered but not
 * promoted. Activities are {@link PipelineDoubles}; the clock is real (no time skipping), so
 * heartbeats and retry backoff behave as on a worker.
 */
class FineTunePipelineBranchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "branches";

  private final PipelineDoubles doubles = new PipelineDoubles();
  private final AtomicInteger epochsTrained = new AtomicInteger();
  private final AtomicInteger evaluations = new AtomicInteger();
  private final AtomicInteger promotions = new AtomicInteger();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void countCalls() {
    doubles.training =
        in -> {
          epochsTrained.incrementAndGet();
          return PipelineDoubles.epoch(in);
        };
    EvaluationActivities evaluate = doubles.evaluation;
    doubles.evaluation =
        in -> {
          evaluations.incrementAndGet();
          return evaluate.evaluate(in);
        };
    RegistryActivities promote = doubles.registry;
    doubles.registry =
        in -> {
          promotions.incrementAndGet();
          return promote.promote(in);
        };
  }

  private void start() {
    env = doubles.startOnRealTime();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private FineTunePipeline pipeline() {
    return client.newWorkflowStub(
        FineTunePipeline.class,
        WorkflowOptions.newBuilder().setWorkflowId(ID).setTaskQueue(Queues.PIPELINE).build());
  }

  private static PipelineSpec spec(String json) throws Exception {
    return JSON.readValue(json, PipelineSpec.class);
  }

  private PipelineProgress progress() {
    return client.newUntypedWorkflowStub(ID).query("progress", PipelineProgress.class);
  }

  @Test
  void aNonRetryableDatasetFailureFailsTheRunWithItsMessageBeforeTraining() throws Exception {
    doubles.datasets =
        s -> {
          throw ApplicationFailure.newNonRetryableFailure(
              "data.path: file /data/pairs.csv does not exist on this worker",
              ActivityFailures.INVALID_SPEC);
        };
    start();

    PipelineSpec spec = spec("{\"train\":{\"epochs\":2}}");
    assertThatThrownBy(() -> pipeline().run(spec))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_SPEC);
              assertThat(f.getOriginalMessage()).contains("/data/pairs.csv does not exist");
            });
    assertThat(epochsTrained).hasValue(0);
    assertThat(progress().stage()).isEqualTo("dataset");
  }

  @Test
  void aMissingBaseModelFailsTheRunWithoutEvaluatingOrPromoting() throws Exception {
    doubles.training =
        in -> {
          throw ApplicationFailure.newNonRetryableFailure(
              "base model /models/nowhere not found", ActivityFailures.MODEL_NOT_FOUND);
        };
    start();

    PipelineSpec spec = spec("{\"model\":{\"base\":\"/models/nowhere\"}}");
    assertThatThrownBy(() -> pipeline().run(spec))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ActivityFailures.MODEL_NOT_FOUND));
    assertThat(evaluations).hasValue(0);
    assertThat(promotions).hasValue(0);
    assertThat(progress().stage()).isEqualTo("training");
  }

  @Test
  void anInvalidSpecFailsTheRunBeforeAnyActivity() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    PipelineDoubles.DatasetBuild build = doubles.datasets;
    doubles.datasets =
        in -> {
          builds.incrementAndGet();
          return build.buildDataset(in);
        };
    start();

    PipelineSpec spec = spec("{\"train\":{\"epochs\":0},\"eval\":{\"beams\":99}}");
    assertThatThrownBy(() -> pipeline().run(spec))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_SPEC);
              assertThat(f.getOriginalMessage())
                  .contains(
                      "train.epochs: 0 is outside 1..1000", "eval.beams: 99 is outside 1..32");
            });
    assertThat(builds).hasValue(0);
  }

  @Test
  void aTransientTrainingFailureIsRetriedAndTheRunCompletes() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    doubles.training =
        in -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("object store briefly unreachable");
          }
          return PipelineDoubles.epoch(in);
        };
    start();

    PipelineResult result = pipeline().run(spec("{\"train\":{\"epochs\":1}}"));

    assertThat(attempts).hasValue(2);
    assertThat(result.checkpoints()).hasSize(1);
    assertThat(result.champion()).isTrue();
  }

  @Test
  void cancellingMidEpochWaitsForTheEpochToStopThenCancelsTheRun() throws Exception {
    CountDownLatch training = new CountDownLatch(1);
    AtomicBoolean epochSawCancel = new AtomicBoolean();
    doubles.training =
        in -> {
          ActivityExecutionContext activity = Activity.getExecutionContext();
          training.countDown();
          while (true) {
            try {
              activity.heartbeat(in.epoch());
            } catch (ActivityCompletionException stopped) {
              epochSawCancel.set(true);
              throw stopped;
            }
            sleep(100);
          }
        };
    start();

    PipelineSpec spec = spec("{\"train\":{\"epochs\":3,\"heartbeatSeconds\":2}}");
    WorkflowClient.start(pipeline()::run, spec);
    assertThat(training.await(30, TimeUnit.SECONDS)).isTrue();
    client.newUntypedWorkflowStub(ID).cancel();

    assertThatThrownBy(() -> client.newUntypedWorkflowStub(ID).getResult(PipelineResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(CanceledFailure.class);
    assertThat(epochSawCancel).isTrue();
    assertThat(evaluations).hasValue(0);
    assertThat(progress().stage()).isEqualTo("training");
  }

  @Test
  void aModelThatDoesNotBeatTheChampionIsReportedAsRegisteredButNotPromoted() throws Exception {
    AtomicReference<PromoteInput> offered = new AtomicReference<>();
    doubles.registry =
        in -> {
          offered.set(in);
          return new PromotionResult(
              in.spec().task(),
              in.runId(),
              "sha-2",
              false,
              "exact_match 0.5000 <= champion r0's 0.6000 + 0.0000");
        };
    start();

    PipelineResult result = pipeline().run(spec("{\"train\":{\"epochs\":2}}"));

    assertThat(result.champion()).isFalse();
    assertThat(result.modelVersion()).isEqualTo(ID);
    assertThat(result.weightsSha256()).isEqualTo("sha-2");
    assertThat(result.promotionReason()).startsWith("exact_match 0.5000 <= champion r0's");
    assertThat(offered.get().checkpointKey()).isEqualTo(result.checkpoints().get(1));
    assertThat(offered.get().metrics()).containsEntry("val_loss", 1.0).containsKey("exact_match");
    PipelineProgress done = progress();
    assertThat(done.stage()).isEqualTo("done");
    assertThat(done.champion()).isFalse();
    assertThat(done.checkpoints()).isEqualTo(List.copyOf(result.checkpoints()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
