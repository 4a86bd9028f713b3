package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the worker JVM in the middle of an epoch; a new worker takes the epoch over
 * from the newest complete checkpoint and the run ends with the weights of an uninterrupted one.
 */
class KillWorkerMidEpochTest {
  private static final long SEED = 21;

  @Test
  void killedWorkersEpochResumesAndEndsBitIdentical(@TempDir Path home) throws Exception {
    long began = System.nanoTime();
    try (FaultStack stack = FaultStack.start(home);
        WorkerProcess first = WorkerProcess.start(stack, "w1")) {
      String reference = ReferenceRun.weightsSha256(stack, SEED);
      String id = "killed-" + SEED;
      WorkflowStub run = Runs.startAsCli(stack.connection().client(), id, Runs.spec(id, SEED));
      Clock.await(
          "a checkpoint at step 6",
          Duration.ofSeconds(60),
          () -> Runs.newestCompleteStep(stack, id).orElse(0) >= 6);
      first.kill();
      long stepAtKill = Runs.newestCompleteStep(stack, id).orElse(0);
      System.out.printf(
          "[%s] newest complete checkpoint at the kill: step %d%n", Clock.now(), stepAtKill);
      try (WorkerProcess second = WorkerProcess.start(stack, "w2")) {
        PipelineResult result = run.getResult(PipelineResult.class);
        String resumedFrom =
            second.awaitLog(Pattern.compile("resuming from (\\S+)"), Duration.ofSeconds(5));
        int attempts = Runs.trainEpochAttempts(stack.connection().client(), id);
        System.out.printf(
            "[%s] worker w2 resumed from %s; TrainEpoch attempts %d; weights sha256 %s %s the reference%n",
            Clock.now(),
            resumedFrom,
            attempts,
            result.weightsSha256(),
            result.weightsSha256().equals(reference) ? "==" : "!=");
        assertThat(attempts).isGreaterThanOrEqualTo(2);
        assertThat(Runs.stepOf(Path.of(resumedFrom))).isGreaterThanOrEqualTo(stepAtKill);
        assertThat(result.weightsSha256()).isEqualTo(reference);
        assertThat(StoreAudit.checkpoints(stack.store(), id, home.resolve("audit"))).isEmpty();
      }
    } finally {
      System.out.printf("kill -9 test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }
}
