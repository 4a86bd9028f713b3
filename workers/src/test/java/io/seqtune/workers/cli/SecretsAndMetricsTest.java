package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.console.ConsoleOptions;
import io.seqtune.console.ConsoleServer;
import io.seqtune.console.ScheduleSource;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny run through `seqtune run --wait` on a stack whose S3 server has a distinctive key pair;
 * then its /metrics, a search of everything the run wrote for the secret, and of every page and API
 * answer of the web console for either key.
 */
class SecretsAndMetricsTest {
  static final String ACCESS_KEY = "obs-access";
  static final String SECRET = "Qm7-distinctive-s3-secret-9c2e";
  static final String RUN = "obs-run";

  @TempDir static Path home;
  static DevStack stack;
  static String cliOut;
  static String cliErr;

  /**
   * The workflow's description sampled while it ran: it carries the training activity's heartbeat
   * details.
   */
  static final List<byte[]> heartbeatSamples = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void runOnce(@TempDir Path tmp) throws Exception {
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL, ACCESS_KEY, SECRET));
    Cli.environment = stack.environment();
    Path spec =
        Files.writeString(
            tmp.resolve("run.json"),
            """
        {"task":"smiles2iupac","data":{"size":60,"seed":3},
         "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
         "train":{"epochs":1,"batchSize":16,"learningRate":0.003,"warmupSteps":2,"checkpointEverySteps":2},
         "eval":{"maxExamples":2,"maxNewTokens":20}}""");
    Thread sampler = new Thread(SecretsAndMetricsTest::sampleHeartbeats);
    sampler.start();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              SeqtuneCli.commandLine()
                  .execute("run", "--spec", spec.toString(), "--id", RUN, "--wait"))
          .isZero();
    } finally {
      System.setOut(out);
      System.setErr(err);
      sampler.interrupt();
      sampler.join();
    }
    cliOut = capturedOut.toString(StandardCharsets.UTF_8);
    cliErr = capturedErr.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    Cli.environment = System.getenv();
    stack.close();
  }

  private static void sampleHeartbeats() {
    DescribeWorkflowExecutionRequest request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(stack.connection().settings().namespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(RUN))
            .build();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        DescribeWorkflowExecutionResponse d =
            stack.connection().service().blockingStub().describeWorkflowExecution(request);
        if (d.getPendingActivitiesList().stream()
            .anyMatch(PendingActivityInfo::hasHeartbeatDetails)) {
          heartbeatSamples.add(d.toByteArray());
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Not started yet.
      }
    }
  }

  static String metricsText() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + stack.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void metricsShowTrainingCheckpointsAndTheTemporalSdk() throws Exception {
    String metrics = metricsText();
    assertThat(metrics)
        .containsPattern("(?m)^seqtune_train_loss\\{run_id=\"" + RUN + "\"} [0-9.]+");
    assertThat(metrics)
        .containsPattern("(?m)^seqtune_checkpoint_bytes_total\\{run_id=\"" + RUN + "\"} [1-9]");
    assertThat(metrics).containsPattern("(?m)^temporal_[a-z_]+");
  }

  @Test
  void theSecretAppearsInNothingTheRunWrote() throws Exception {
    Map<String, byte[]> written = new LinkedHashMap<>();
    try (ObjectStore store = new ObjectStore(stack.store())) {
      List<String> keys = store.list("");
      assertThat(keys)
          .anyMatch(k -> k.startsWith("runs/" + RUN + "/"))
          .anyMatch(k -> k.startsWith("registry/"));
      keys.forEach(k -> written.put("s3://" + k, store.getBytes(k)));
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        written.put(f.toString(), Files.readAllBytes(f));
      }
    }
    written.put(
        "workflow history",
        stack.connection().client().fetchHistory(RUN).getHistory().toByteArray());
    assertThat(heartbeatSamples).as("heartbeat details seen while training").isNotEmpty();
    for (int i = 0; i < heartbeatSamples.size(); i++) {
      written.put("heartbeat sample " + i, heartbeatSamples.get(i));
    }
    written.put("metrics", metricsText().getBytes(StandardCharsets.UTF_8));
    written.put("cli stdout", cliOut.getBytes(StandardCharsets.UTF_8));
    written.put("cli stderr", cliErr.getBytes(StandardCharsets.UTF_8));
    assertThat(cliOut).startsWith(RUN + "\n");

    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    written.forEach(
        (where, bytes) ->
            assertThat(indexOf(bytes, secret)).as("secret in %s", where).isEqualTo(-1));
  }

  @Test
  void theConsoleAnswersCarryNeitherStoreKey() throws Exception {
    try (ObjectStore store = new ObjectStore(stack.store());
        ConsoleServer console =
            ConsoleServer.start(
                new ConsoleOptions(ConsoleOptions.LOOPBACK, 0, null, null),
                store,
                ConsoleCommand.live(stack.connection()),
                ScheduleSource.NONE)) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path :
          List.of(
              "",
              "runs/" + RUN,
              "models",
              "schedules",
              "assets/console.js",
              "api/runs",
              "api/runs/" + RUN,
              "api/runs/" + RUN + "/evaluation",
              "api/models",
              "api/models/smiles2iupac/" + RUN + "/card",
              "api/schedules",
              "api/sweeps",
              "api/runs/no-such-run")) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(console.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isIn(200, 404);
        assertThat(r.body() + r.headers().map()).as(path).doesNotContain(SECRET, ACCESS_KEY);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
