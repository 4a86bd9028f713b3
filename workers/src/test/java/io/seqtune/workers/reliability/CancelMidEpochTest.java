package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a run mid-epoch reaches the training activity through its heartbeats: it stops within
 * about one heartbeat timeout, writes a checkpoint at the step it reached, and leaves the store
 * consistent.
 */
class CancelMidEpochTest {
  private static final int HEARTBEAT_SECONDS = 3;

  @Test
  void cancelStopsTrainingWithinAHeartbeatAndLeavesAConsistentStore(@TempDir Path home) {
    long began = System.nanoTime();
    try (FaultStack stack = FaultStack.start(home);
        WorkerProcess worker = WorkerProcess.start(stack, "w1")) {
      String id = "cancelled";
      // Ten epochs: long enough that only the cancellation can end it within the test.
      String spec = Runs.spec(id, 21).replace("\"epochs\":2", "\"epochs\":10");
      WorkflowStub run = Runs.startAsCli(stack.connection().client(), id, spec);
      Clock.await(
          "a checkpoint at step 6",
          Duration.ofSeconds(60),
          () -> Runs.newestCompleteStep(stack, id).orElse(0) >= 6);
      long cancelledAt = System.nanoTime();
      run.cancel();
      System.out.printf(
          "[%s] cancel requested; newest checkpoint then: step %d%n",
          Clock.now(), Runs.newestCompleteStep(stack, id).orElse(0));
      assertThatThrownBy(() -> run.getResult(PipelineResult.class))
          .isInstanceOf(WorkflowFailedException.class)
          .cause()
          .isInstanceOf(CanceledFailure.class);
      double seconds = (System.nanoTime() - cancelledAt) / 1e9;
      String stopped =
          worker.awaitLog(
              Pattern.compile("(stopped at step \\d+ \\(\\w+\\), checkpoint \\S+)"),
              Duration.ofSeconds(5));
      WorkflowExecutionStatus status =
          stack
              .connection()
              .service()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(run.getExecution())
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      System.out.printf(
          "[%s] workflow %s %.1f s after the cancel request; worker: %s%n",
          Clock.now(), status, seconds, stopped);

      List<Path> before = Runs.stepDirs(stack, id);
      Clock.sleep(Duration.ofSeconds(2));
      assertThat(Runs.stepDirs(stack, id))
          .as("no checkpoint written after the run was cancelled")
          .isEqualTo(before);
      assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
      assertThat(stopped).contains("ActivityCanceledException");
      assertThat(seconds).isLessThan(HEARTBEAT_SECONDS + 2.0);
      assertThat(StoreAudit.checkpoints(stack.store(), id, home.resolve("audit"))).isEmpty();
    } finally {
      System.out.printf("cancel test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }
}
