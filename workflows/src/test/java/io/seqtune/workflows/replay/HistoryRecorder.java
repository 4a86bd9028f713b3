package io.seqtune.workflows.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.PipelineDoubles;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.sweep.Sweep;
import io.seqtune.workflows.sweep.SweepSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the workflow histories {@link WorkflowReplayTest} replays, by running today's workflows
 * on Temporal's test server with {@link PipelineDoubles} for every activity, and writes them as
 * JSON under {@code src/test/resources/histories/}. It runs only when asked:
 *
 * <pre>
 * mvn -B -o test -pl workflows -am -Dtest=HistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dseqtune.recordHistories=true
 * </pre>
 *
 * or one history alone, e.g. {@code -Dtest='HistoryRecorder#recordPipelineWithPretraining'}.
 * Re-record only for a change that is meant to break compatibility with running workflows (and that
 * is deployed with a drain or a new task queue): a replay failure after an ordinary change is
 * exactly what the replay test exists to report.
 */
@EnabledIfSystemProperty(named = "seqtune.recordHistories", matches = "true")
class HistoryRecorder {
  static final String PIPELINE = "histories/fine-tune-pipeline.json";
  static final String CONTINUED = "histories/fine-tune-pipeline-continued.json";
  static final String SWEEP = "histories/sweep.json";
  static final String PRETRAINING = "histories/fine-tune-pipeline-pretraining.json";

  /**
   * Recorded before the pipeline wrote run records (its {@code run-records} version marker): kept,
   * not re-recorded, so that runs started by that code stay replayable.
   */
  static final String PIPELINE_BEFORE_RUN_RECORDS =
      "histories/before-run-records/fine-tune-pipeline.json";

  static final String CONTINUED_BEFORE_RUN_RECORDS =
      "histories/before-run-records/fine-tune-pipeline-continued.json";

  /** The recorded runs' workflow ids; a replay must use them, as child ids derive from them. */
  static final String PIPELINE_ID = "replay-pipeline";

  static final String SWEEP_ID = "replay-sweep";
  static final String PRETRAINING_ID = "replay-pretraining";

  private static final Path RESOURCES = Path.of("src/test/resources");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelineDoubles doubles = new PipelineDoubles();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    // A cell whose base model does not exist fails as the trainer would.
    doubles.training =
        (TrainEpochInput in) -> {
          if (in.spec().model().base().contains("missing")) {
            throw ApplicationFailure.newNonRetryableFailure(
                "base model " + in.spec().model().base() + " not found",
                ActivityFailures.MODEL_NOT_FOUND);
          }
          return PipelineDoubles.epoch(in);
        };
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    doubles.register(env);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /**
   * Twelve epochs: the first run trains ten and continues as new, the continuation trains two,
   * evaluates and promotes.
   */
  @Test
  void recordFineTunePipeline() throws IOException {
    String id = PIPELINE_ID;
    FineTunePipeline pipeline =
        client.newWorkflowStub(
            FineTunePipeline.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(Queues.PIPELINE).build());
    pipeline.run(
        JSON.readValue("{\"train\":{\"epochs\":12,\"heartbeatSeconds\":5}}", PipelineSpec.class));
    List<WorkflowExecutionHistory> runs = runsOf(id);
    write(PIPELINE, runs.get(0));
    write(CONTINUED, runs.get(1));
  }

  /** Two pretraining epochs (the {@code pretraining} version marker), then two of fine-tuning. */
  @Test
  void recordPipelineWithPretraining() throws IOException {
    FineTunePipeline pipeline =
        client.newWorkflowStub(
            FineTunePipeline.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PRETRAINING_ID)
                .setTaskQueue(Queues.PIPELINE)
                .build());
    pipeline.run(
        JSON.readValue(
            "{\"train\":{\"epochs\":2,\"heartbeatSeconds\":5},\"pretrain\":{\"epochs\":2}}",
            PipelineSpec.class));
    write(PRETRAINING, client.fetchHistory(PRETRAINING_ID));
  }

  /** Two models by two epoch counts, one model missing: two cells complete, two fail. */
  @Test
  void recordSweep() throws IOException {
    String id = SWEEP_ID;
    Sweep sweep =
        client.newWorkflowStub(
            Sweep.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(Queues.PIPELINE).build());
    sweep.run(
        JSON.readValue(
            """
            {"base":{"data":{"size":60}},"models":["scratch","/models/missing"],
             "epochs":[1,2],"concurrency":2}""",
            SweepSpec.class));
    write(SWEEP, client.fetchHistory(id));
  }

  /** Every run of a workflow id, first to last, following continue-as-new. */
  private List<WorkflowExecutionHistory> runsOf(String workflowId) {
    WorkflowExecutionHistory last = client.fetchHistory(workflowId);
    String firstRunId =
        last.getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getContinuedExecutionRunId();
    return List.of(client.fetchHistory(workflowId, firstRunId), last);
  }

  private static void write(String resource, WorkflowExecutionHistory history) throws IOException {
    Path file = RESOURCES.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true) + "\n");
    System.out.printf(
        "recorded %s: %d events, %d bytes%n", file, history.getEvents().size(), Files.size(file));
  }
}
