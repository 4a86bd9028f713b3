package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqtune.workers.cli.CliTest.Run;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seqtune dev up} as its own process: it prints its addresses, its scheduler fires a
 * schedule that another process added with {@code seqtune schedule}, and SIGTERM stops it cleanly.
 */
class DevUpProcessTest {
  @Test
  void devUpFiresSchedulesAddedByTheCliAndStopsOnSigterm(@TempDir Path home) throws Exception {
    int temporalPort = CliTest.freePort();
    int consolePort = CliTest.freePort();
    Path log = home.resolve("dev-up.log");
    Process devUp =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                SeqtuneCli.class.getName(),
                "dev",
                "up",
                "--no-worker",
                "--home",
                home.toString(),
                "--temporal-port",
                String.valueOf(temporalPort),
                "--s3-port",
                String.valueOf(CliTest.freePort()),
                "--metrics-port",
                String.valueOf(CliTest.freePort()),
                "--console-port",
                String.valueOf(consolePort))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      awaitLog(log, devUp, "Try: seqtune run");
      assertThat(Files.readString(log))
          .contains(
              "Temporal   127.0.0.1:" + temporalPort,
              "scheduler  0 schedule(s)",
              "console    http://127.0.0.1:" + consolePort + "/");

      Path spec =
          Files.writeString(
              home.resolve("spec.json"),
              """
          {"task":"smiles2iupac","data":{"size":60,"seed":3},"model":{"layers":1,"hidden":32,"heads":2},
           "train":{"epochs":1,"batchSize":16}}""");
      String store = "--home=" + home;
      Run add =
          CliTest.seqtune(
              System.getenv(),
              "schedule",
              "add",
              store,
              "--name",
              "nightly",
              "--cron",
              "0 0 3 1 1 ? 2099",
              "--spec",
              spec.toString());
      assertThat(add.exit()).as(add.err()).isZero();
      Run trigger = CliTest.seqtune(System.getenv(), "schedule", "trigger", store, "nightly");
      assertThat(trigger.exit()).as(trigger.err()).isZero();

      // dev up's scheduler (not this process) fires it: the run appears in dev up's Temporal.
      String workflowId = awaitLastRun(store);
      assertThat(workflowId).startsWith("sched-nightly-");
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .build());
      try {
        assertThat(
                WorkflowClient.newInstance(service)
                    .fetchHistory(workflowId)
                    .getHistory()
                    .getEvents(0)
                    .hasWorkflowExecutionStartedEventAttributes())
            .isTrue();
      } finally {
        service.shutdownNow();
      }
    } finally {
      devUp.destroy(); // SIGTERM: the shutdown hook closes scheduler and stack
      boolean exited = devUp.waitFor(30, TimeUnit.SECONDS);
      devUp.destroyForcibly();
      assertThat(exited).as("dev up stops on SIGTERM:\n" + Files.readString(log)).isTrue();
    }
  }

  private static String awaitLastRun(String store) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Run list = CliTest.seqtune(System.getenv(), "schedule", "list", store, "--json");
      JsonNode nightly = Cli.JSON.readTree(list.lastLine()).get(0);
      if (nightly.hasNonNull("lastWorkflowId")) {
        return nightly.get("lastWorkflowId").asText();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("dev up's scheduler did not fire the triggered schedule within 30 s");
  }

  static void awaitLog(Path log, Process process, String line) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      assertThat(process.isAlive())
          .as("dev up exited:\n" + (Files.exists(log) ? Files.readString(log) : ""))
          .isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("dev up never printed '" + line + "':\n" + Files.readString(log));
  }
}
