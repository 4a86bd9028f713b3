package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server stops while a checkpoint is half uploaded (files there, no manifest) and comes back
 * on the same port with the same data. The epoch fails and is retried with backoff; no attempt ever
 * loads the partial checkpoint, and the weights equal an uninterrupted run's.
 */
class S3OutageDuringCheckpointTest {
  private static final long SEED = 21;

  @Test
  void partialCheckpointIsNeverLoadedAndTheRunEndsBitIdentical(@TempDir Path home) {
    long began = System.nanoTime();
    try (FaultStack stack = FaultStack.start(home);
        WorkerProcess worker = WorkerProcess.start(stack, "w1")) {
      String reference = ReferenceRun.weightsSha256(stack, SEED);
      String id = "outage-" + SEED;
      WorkflowStub run = Runs.startAsCli(stack.connection().client(), id, Runs.spec(id, SEED));
      AtomicReference<Path> partial = new AtomicReference<>();
      Clock.await(
          "a checkpoint upload in progress after step 4's",
          Duration.ofSeconds(60),
          () -> {
            long complete = Runs.newestCompleteStep(stack, id).orElse(-1);
            if (complete < 4) {
              return false;
            }
            for (Path dir : Runs.stepDirs(stack, id)) {
              if (Runs.stepOf(dir) > complete
                  && Runs.regularFiles(dir) > 0
                  && !Files.exists(dir.resolve(ArtifactManifest.FILE_NAME))) {
                partial.set(dir);
                return true;
              }
            }
            return false;
          });
      stack.stopS3();
      long partialStep = Runs.stepOf(partial.get());
      System.out.printf(
          "[%s] S3 stopped while step %d had %d files and no manifest%n",
          Clock.now(), partialStep, Runs.regularFiles(partial.get()));
      Clock.sleep(Duration.ofSeconds(3));
      stack.restartS3();
      System.out.printf("[%s] S3 started again on the same port and data directory%n", Clock.now());

      PipelineResult result = run.getResult(PipelineResult.class);
      int attempts = Runs.trainEpochAttempts(stack.connection().client(), id);
      Matcher resumed =
          Pattern.compile("attempt (\\d+): resuming from (\\S+)").matcher(worker.log());
      long resumedStep = -1;
      while (resumed.find()) {
        if (Integer.parseInt(resumed.group(1)) > 1) {
          resumedStep = Runs.stepOf(Path.of(resumed.group(2)));
          System.out.printf(
              "[%s] attempt %s resumed from %s%n", Clock.now(), resumed.group(1), resumed.group(2));
        }
      }
      System.out.printf(
          "[%s] TrainEpoch attempts %d; weights sha256 %s %s the reference%n",
          Clock.now(),
          attempts,
          result.weightsSha256(),
          result.weightsSha256().equals(reference) ? "==" : "!=");
      assertThat(attempts).isGreaterThanOrEqualTo(2);
      assertThat(resumedStep).isBetween(4L, partialStep - 1);
      assertThat(worker.log())
          .contains("deleting incomplete checkpoint " + Runs.key(id, partialStep));
      assertThat(result.weightsSha256()).isEqualTo(reference);
      assertThat(StoreAudit.checkpoints(stack.store(), id, home.resolve("audit"))).isEmpty();
    } finally {
      System.out.printf("S3 outage test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }
}
