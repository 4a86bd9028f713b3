package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.store.StoreSettings;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code seqtune dev up} (server, store and worker in one process) in the middle
 * of an epoch, then {@code seqtune dev up} again on the same home: the run that was in flight
 * carries on from its newest checkpoint by itself and ends with the weights of an uninterrupted run
 * of the same spec.
 */
class DevStackRestartTest {
  private static final long SEED = 21;

  @Test
  void aRunInFlightWhenDevUpDiesCarriesOnAfterRestartAndEndsBitIdentical(@TempDir Path home)
      throws Exception {
    long began = System.nanoTime();
    int temporalPort = freePort();
    int s3Port = freePort();
    String reference;
    Process first = devUp(home, temporalPort, s3Port, "first");
    try {
      reference =
          withClient(
              temporalPort,
              c -> result(c, "reference-" + SEED, Runs.spec("reference-" + SEED, SEED)));
      String id = "restarted-" + SEED;
      withClient(temporalPort, c -> Runs.startAsCli(c, id, Runs.spec(id, SEED)));
      Clock.await(
          "a checkpoint at step 6",
          Duration.ofSeconds(90),
          () -> newestCompleteStep(home, id) >= 6);
    } finally {
      first.destroyForcibly(); // kill -9: no shutdown hook, the epoch just stops
      first.waitFor(10, TimeUnit.SECONDS);
    }
    long stepAtKill = newestCompleteStep(home, "restarted-" + SEED);
    System.out.printf(
        "[%s] dev up killed (kill -9); newest complete checkpoint: step %d%n",
        Clock.now(), stepAtKill);
    Process second = devUp(home, temporalPort, s3Port, "second");
    try {
      String log = Files.readString(home.resolve("second.log"));
      assertThat(log).contains("resumed    [restarted-" + SEED + "]");
      String resumed =
          withClient(
              temporalPort,
              c ->
                  c.newUntypedWorkflowStub("restarted-" + SEED)
                      .getResult(5, TimeUnit.MINUTES, PipelineResult.class)
                      .weightsSha256());
      String after = Files.readString(home.resolve("second.log"));
      System.out.printf(
          "[%s] after the restart: %s; weights sha256 %s %s the uninterrupted run's%n",
          Clock.now(),
          after.lines().filter(l -> l.contains("resuming from")).findFirst().orElse("?"),
          resumed,
          resumed.equals(reference) ? "==" : "!=");
      assertThat(after)
          .containsPattern("run restarted-21 training epoch \\d attempt 1: resuming from");
      assertThat(resumed).isEqualTo(reference);
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
      second.destroyForcibly();
      System.out.printf("dev stack restart test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }

  private interface WithClient<T> {
    T call(WorkflowClient client) throws Exception;
  }

  private static <T> T withClient(int temporalPort, WithClient<T> work) throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporalPort)
                .build());
    try {
      return work.call(WorkflowClient.newInstance(service));
    } finally {
      service.shutdownNow();
    }
  }

  private static String result(WorkflowClient client, String id, String spec) {
    return Runs.startAsCli(client, id, spec).getResult(PipelineResult.class).weightsSha256();
  }

  /** {@code seqtune dev up} as its own JVM, one intra-op thread as the fault tests' workers. */
  private static Process devUp(Path home, int temporalPort, int s3Port, String name)
      throws Exception {
    Path log = home.resolve(name + ".log");
    Process p =
        WorkerProcess.seqtuneJvm(
                log,
                "dev",
                "up",
                "--home",
                home.toString(),
                "--temporal-port",
                String.valueOf(temporalPort),
                "--s3-port",
                String.valueOf(s3Port),
                "--metrics-port",
                "0")
            .start();
    Clock.await(
        "dev up " + name + " to start",
        Duration.ofSeconds(90),
        () -> {
          if (!p.isAlive()) {
            throw new IllegalStateException("dev up exited:\n" + read(log));
          }
          return read(log).contains("Try: seqtune run");
        });
    System.out.printf("[%s] dev up %s started, pid %d%n", Clock.now(), name, p.pid());
    return p;
  }

  private static long newestCompleteStep(Path home, String runId) {
    Path dir =
        home.resolve("s3")
            .resolve(StoreSettings.DEFAULT_BUCKET)
            .resolve("runs")
            .resolve(runId)
            .resolve("checkpoints");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> steps = Files.list(dir)) {
      return steps
          .filter(d -> Files.exists(d.resolve("manifest.json")))
          .mapToLong(Runs::stepOf)
          .max()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
