package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.store.StoreLayout;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowStub;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker dies, and the newest checkpoint's weights are damaged in the store before a new worker
 * resumes: the hash check rejects it, the previous complete checkpoint is used, and the run still
 * ends with the weights of an uninterrupted one.
 */
class CorruptCheckpointTest {
  private static final long SEED = 21;

  @Test
  void corruptNewestCheckpointIsSkippedForThePreviousOne(@TempDir Path home) throws Exception {
    long began = System.nanoTime();
    try (FaultStack stack = FaultStack.start(home);
        WorkerProcess first = WorkerProcess.start(stack, "w1")) {
      String reference = ReferenceRun.weightsSha256(stack, SEED);
      String id = "corrupt-" + SEED;
      WorkflowStub run = Runs.startAsCli(stack.connection().client(), id, Runs.spec(id, SEED));
      Clock.await(
          "a checkpoint at step 8",
          Duration.ofSeconds(60),
          () -> Runs.newestCompleteStep(stack, id).orElse(0) >= 8);
      first.kill();
      long newest = Runs.newestCompleteStep(stack, id).orElseThrow();
      Path weights =
          stack
              .bucketDir()
              .resolve(StoreLayout.checkpoint(id, newest))
              .resolve("model/model.safetensors");
      try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
        file.seek(file.length() / 2);
        int b = file.read();
        file.seek(file.length() / 2);
        file.write(b ^ 0xFF);
      }
      System.out.printf(
          "[%s] flipped one byte of step %d's model.safetensors in the store%n",
          Clock.now(), newest);

      try (WorkerProcess second = WorkerProcess.start(stack, "w2")) {
        PipelineResult result = run.getResult(PipelineResult.class);
        String skipped =
            second.awaitLog(
                Pattern.compile("(skipping checkpoint \\S+: .*)"), Duration.ofSeconds(5));
        String resumedFrom =
            second.awaitLog(Pattern.compile("resuming from (\\S+)"), Duration.ofSeconds(5));
        System.out.printf(
            "[%s] worker w2: %s; resumed from %s; weights sha256 %s %s the reference%n",
            Clock.now(),
            skipped,
            resumedFrom,
            result.weightsSha256(),
            result.weightsSha256().equals(reference) ? "==" : "!=");
        assertThat(skipped).contains(StoreLayout.checkpoint(id, newest)).contains("sha256");
        assertThat(Runs.stepOf(Path.of(resumedFrom))).isLessThan(newest);
        assertThat(result.weightsSha256()).isEqualTo(reference);
      }
    } finally {
      System.out.printf("corrupt checkpoint test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }
}
