package io.seqtune.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.PipelineDoubles;
import io.seqtune.workflows.Queues;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 25-epoch pipeline on instant fake activities: it continues as new after epochs 10 and 20, hands
 * each epoch the previous one's checkpoint, answers {@code progress} correctly in every run, builds
 * its dataset once, and keeps every run's history small.
 */
class ContinueAsNewTest {
  private static final String WORKFLOW_ID = "can-25";
  private static final int EPOCHS = 25;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final List<TrainEpochInput> trained = new CopyOnWriteArrayList<>();
  private final List<PipelineProgress> seenAtEpochStart = new CopyOnWriteArrayList<>();
  private final AtomicInteger datasetBuilds = new AtomicInteger();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    PipelineDoubles doubles = new PipelineDoubles();
    PipelineDoubles.DatasetBuild build = doubles.datasets;
    doubles.datasets =
        spec -> {
          datasetBuilds.incrementAndGet();
          return build.buildDataset(spec);
        };
    doubles.training = this::fakeEpoch;
    doubles.register(env);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private EpochResult fakeEpoch(TrainEpochInput in) {
    seenAtEpochStart.add(
        client.newUntypedWorkflowStub(WORKFLOW_ID).query("progress", PipelineProgress.class));
    trained.add(in);
    return PipelineDoubles.epoch(in);
  }

  private static String checkpointOf(int epoch) {
    return String.format("runs/%s/checkpoints/step-%09d/", WORKFLOW_ID, epoch * 3);
  }

  @Test
  void continuesAsNewEveryTenEpochsAndLosesNothing() {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            FineTunePipeline.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(Queues.PIPELINE)
                .build());
    // Raw JSON, as `temporal workflow start --input` sends it.
    String spec = "{\"task\":\"smiles2iupac\",\"train\":{\"epochs\":" + EPOCHS + "}}";
    WorkflowExecution first =
        stub.start(
            new RawValue(
                Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFrom(spec, StandardCharsets.UTF_8))
                    .build()));
    PipelineResult result = stub.getResult(PipelineResult.class);

    assertThat(result.checkpoints()).hasSize(EPOCHS).endsWith(checkpointOf(EPOCHS));
    assertThat(result.trainLoss()).hasSize(EPOCHS).startsWith(1.0).endsWith(1.0 / EPOCHS);
    assertThat(result.trainExamples()).isEqualTo(100);
    assertThat(datasetBuilds).hasValue(1);
    for (TrainEpochInput in : trained) {
      assertThat(in.fromCheckpoint())
          .isEqualTo(in.epoch() == 1 ? null : checkpointOf(in.epoch() - 1));
    }
    assertThat(trained)
        .extracting(TrainEpochInput::epoch)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
    // What `seqtune status` sees while epoch n runs, in whichever run: n, and n - 1 epochs of
    // history.
    for (PipelineProgress p : seenAtEpochStart) {
      assertThat(p.stage()).isEqualTo("training");
      assertThat(p.epochs()).isEqualTo(EPOCHS);
      assertThat(p.checkpoints()).hasSize(p.epoch() - 1);
      assertThat(p.datasetKey()).isEqualTo("ds-1");
      assertThat(p.step()).isEqualTo((p.epoch() - 1) * 3L);
    }
    PipelineProgress done =
        client.newUntypedWorkflowStub(WORKFLOW_ID).query("progress", PipelineProgress.class);
    assertThat(done.stage()).isEqualTo("done");
    assertThat(done.checkpoints()).hasSize(EPOCHS);

    List<Integer> historyBytes = new ArrayList<>();
    List<String> types = new ArrayList<>();
    WorkflowExecution run = first;
    while (run != null) {
      History history = history(run);
      historyBytes.add(history.getSerializedSize());
      types.add(
          history
              .getEvents(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getWorkflowType()
              .getName());
      HistoryEvent last = history.getEvents(history.getEventsCount() - 1);
      run =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? WorkflowExecution.newBuilder()
                  .setWorkflowId(WORKFLOW_ID)
                  .setRunId(
                      last.getWorkflowExecutionContinuedAsNewEventAttributes()
                          .getNewExecutionRunId())
                  .build()
              : null;
    }
    System.out.printf(
        "continue-as-new: %d runs %s, history bytes per run %s%n",
        types.size(), types, historyBytes);
    assertThat(types)
        .containsExactly(
            FineTunePipeline.TYPE, FineTunePipelineContinued.TYPE, FineTunePipelineContinued.TYPE);
    assertThat(historyBytes).allSatisfy(bytes -> assertThat(bytes).isLessThan(100_000));
  }

  private History history(WorkflowExecution run) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(run)
                .build())
        .getHistory();
  }
}
