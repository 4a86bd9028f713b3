package io.seqtune.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.report.ReportActivities;
import io.seqtune.core.report.CellOutcome;
import io.seqtune.core.report.SweepReport;
import io.seqtune.core.report.SweepReportInput;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineProgress;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SweepImpl} over a stand-in {@code FineTunePipeline} child: each cell "trains" for as many
 * (skipped) minutes as it has epochs, and a cell whose base model path contains {@code missing}
 * fails as the real pipeline would.
 */
class SweepImplTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger running = new AtomicInteger();
  static final AtomicInteger mostRunning = new AtomicInteger();

  /** The child workflow double. Counters are static: Temporal builds the instances. */
  public static class PipelineDouble implements FineTunePipeline {
    @Override
    public PipelineResult run(PipelineSpec requested) {
      PipelineSpec spec = requested.withDefaults();
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Workflow.sleep(Duration.ofMinutes(spec.train().epochs()));
        if (spec.model().base().contains("missing")) {
          throw ApplicationFailure.newNonRetryableFailure(
              "base model " + spec.model().base() + " not found", ActivityFailures.MODEL_NOT_FOUND);
        }
        String runId = Workflow.getInfo().getWorkflowId();
        return PipelineResult.builder()
            .runId(runId)
            .task(spec.task())
            .dataset("ds-1", 100, 5)
            .epochs(
                spec.train().epochs(),
                List.of(StoreLayout.checkpoint(runId, 3)),
                List.of(0.5),
                List.of(0.6))
            .evaluation(
                StoreLayout.evalReport(runId),
                Map.of("roundtrip_accuracy", 0.1 * spec.train().epochs()))
            .promotion(runId, "sha", true, "first model")
            .build();
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public PipelineProgress progress() {
      return null;
    }
  }

  private final AtomicReference<SweepReportInput> reported = new AtomicReference<>();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    running.set(0);
    mostRunning.set(0);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(Queues.PIPELINE);
    worker.registerWorkflowImplementationTypes(SweepImpl.class, PipelineDouble.class);
    worker.registerActivitiesImplementations(
        (ReportActivities)
            in -> {
              reported.set(in);
              return new SweepReport(StoreLayout.sweep(in.sweepId()), List.of("results.csv"));
            });
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private SweepResult sweep(String id, String json) throws Exception {
    Sweep sweep =
        env.getWorkflowClient()
            .newWorkflowStub(
                Sweep.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(id)
                    .setTaskQueue(Queues.PIPELINE)
                    .build());
    return sweep.run(JSON.readValue(json, SweepSpec.class));
  }

  @Test
  void runsEveryCellAtMostConcurrencyAtATimeAndRecordsFailedCellsWithTheirReason()
      throws Exception {
    SweepResult result =
        sweep(
            "sw",
            """
            {"base":{"data":{"size":60}},"models":["scratch","/models/missing"],
             "epochs":[3,1],"concurrency":2}""");

    assertThat(mostRunning).hasValue(2);
    assertThat(result.completed()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(2);
    // Grid order, although the one-epoch cells finish first.
    assertThat(result.cells())
        .extracting(c -> c.cell().id())
        .containsExactly(
            "scratch-n60-e3-separator-full",
            "scratch-n60-e1-separator-full",
            "missing-n60-e3-separator-full",
            "missing-n60-e1-separator-full");
    CellOutcome trained = result.cells().get(0);
    assertThat(trained.completed()).isTrue();
    assertThat(trained.metrics()).containsEntry("roundtrip_accuracy", 0.30000000000000004);
    assertThat(trained.finalTrainLoss()).isEqualTo(0.5);
    assertThat(trained.modelVersion()).isEqualTo("sw-scratch-n60-e3-separator-full");
    CellOutcome failed = result.cells().get(2);
    assertThat(failed.completed()).isFalse();
    assertThat(failed.failure()).isEqualTo("base model /models/missing not found");
    assertThat(failed.metrics()).isEmpty();

    assertThat(reported.get().sweepId()).isEqualTo("sw");
    assertThat(reported.get().task()).isEqualTo("smiles2iupac");
    assertThat(reported.get().metric()).isEqualTo("roundtrip_accuracy");
    assertThat(reported.get().cells()).isEqualTo(result.cells());
    assertThat(result.report().prefix()).isEqualTo("sweeps/sw/");
  }

  @Test
  void concurrencyOneRunsTheCellsOneAfterAnother() throws Exception {
    SweepResult result =
        sweep("serial", "{\"base\":{\"data\":{\"size\":60}},\"epochs\":[1,2,3],\"concurrency\":1}");

    assertThat(mostRunning).hasValue(1);
    assertThat(result.completed()).isEqualTo(3);
  }

  @Test
  void anInvalidSweepFailsBeforeAnyCellStarts() {
    assertThatThrownBy(() -> sweep("bad", "{\"base\":{},\"epochs\":[0],\"metric\":\"speed\"}"))
        .hasRootCauseInstanceOf(ApplicationFailure.class)
        .rootCause()
        .hasMessageContaining("epochs: 0 is outside 1..1000")
        .hasMessageContaining("metric: 'speed'");
    assertThat(mostRunning).hasValue(0);
    assertThat(reported.get()).isNull();
  }
}
