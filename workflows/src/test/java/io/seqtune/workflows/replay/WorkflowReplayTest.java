package io.seqtune.workflows.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.activities.training.TrainingActivities;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.FineTunePipelineImpl;
import io.seqtune.workflows.pipeline.PipelineProgress;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.seqtune.workflows.sweep.SweepImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Today's workflow code replays the recorded histories of earlier runs (see {@link
 * HistoryRecorder}): a change that would break workflows already running fails here, before it is
 * deployed.
 */
class WorkflowReplayTest {

  @Test
  void aRecordedPipelineRunReplaysOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.PIPELINE, HistoryRecorder.PIPELINE_ID),
        FineTunePipelineImpl.class);
  }

  @Test
  void aRecordedContinuationReplaysOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.CONTINUED, HistoryRecorder.PIPELINE_ID),
        FineTunePipelineImpl.class);
  }

  @Test
  void aPipelineRunRecordedBeforeRunRecordsReplaysOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.PIPELINE_BEFORE_RUN_RECORDS, HistoryRecorder.PIPELINE_ID),
        FineTunePipelineImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.CONTINUED_BEFORE_RUN_RECORDS, HistoryRecorder.PIPELINE_ID),
        FineTunePipelineImpl.class);
  }

  @Test
  void aRecordedPipelineRunWithAPretrainingStageReplaysOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.PRETRAINING, HistoryRecorder.PRETRAINING_ID),
        FineTunePipelineImpl.class);
  }

  @Test
  void aRecordedSweepWithAFailedCellReplaysOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        recorded(HistoryRecorder.SWEEP, HistoryRecorder.SWEEP_ID), SweepImpl.class);
  }

  @Test
  void aPipelineThatTrainsBeforeBuildingItsDatasetIsCaughtAsNonDeterministic() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    recorded(HistoryRecorder.PIPELINE, HistoryRecorder.PIPELINE_ID),
                    TrainsBeforeBuildingTheDataset.class))
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("expected value 'name: \"TrainEpoch\"");
  }

  /** A recorded history, replayed under the workflow id it was recorded with. */
  private static WorkflowExecutionHistory recorded(String resource, String workflowId)
      throws IOException {
    try (InputStream in = WorkflowReplayTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing: run HistoryRecorder");
      }
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
    }
  }

  /**
   * The pipeline as a careless edit might leave it: it schedules training where the recorded run
   * scheduled something else.
   */
  public static class TrainsBeforeBuildingTheDataset implements FineTunePipeline {
    private final TrainingActivities training =
        Workflow.newActivityStub(
            TrainingActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofHours(1)).build());

    @Override
    public PipelineResult run(PipelineSpec spec) {
      training.trainEpoch(new TrainEpochInput(spec, "run", "dataset", 1, null));
      return null;
    }

    @Override
    public PipelineProgress progress() {
      return null;
    }
  }
}
