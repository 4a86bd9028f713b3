package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seqtune.console.ConsoleOptions;
import io.seqtune.console.ConsoleServer;
import io.seqtune.console.ScheduleSource;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser: a tiny run completes on the dev stack, then headless Chromium
 * renders the console's pages and the test reads the DOM it built (the run listed, its loss curve
 * drawn, the input and predicted molecules pictured). Screenshots go to {@code
 * target/console-screenshots/}. Skipped, saying why, where no Chromium is installed ({@code
 * .ci/run} installs Debian's).
 */
class ConsoleBrowserTest {
  static final String RUN = "console-tiny";
  static final Path SHOTS = Path.of("target", "console-screenshots");

  @TempDir static Path home;
  @TempDir static Path profile;
  static Optional<String> chromium;
  static DevStack stack;
  static ObjectStore store;
  static ConsoleServer console;

  @BeforeAll
  static void runOnceAndServe() throws Exception {
    chromium = findChromium();
    assumeTrue(
        chromium.isPresent(),
        "no chromium on PATH: install Debian's chromium (.ci/run does) to run the browser test");
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
    store = new ObjectStore(stack.store());
    console =
        ConsoleServer.start(
            new ConsoleOptions(ConsoleOptions.LOOPBACK, 0, null, null),
            store,
            ConsoleCommand.live(stack.connection()),
            ScheduleSource.NONE);
    PipelineSpec spec =
        Cli.JSON
            .readValue(
                """
                {"task":"smiles2iupac","runId":"%s",
                 "data":{"size":60,"seed":3},
                 "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
                 "train":{"epochs":2,"batchSize":16,"learningRate":0.003,"warmupSteps":2,
                          "checkpointEverySteps":1,"keepCheckpoints":20},
                 "eval":{"maxExamples":6,"maxNewTokens":30,"beams":2}}"""
                    .formatted(RUN),
                PipelineSpec.class)
            .withDefaults()
            .validate();
    WorkflowClient client = stack.connection().client();
    FineTunePipeline pipeline =
        client.newWorkflowStub(
            FineTunePipeline.class,
            WorkflowOptions.newBuilder().setWorkflowId(RUN).setTaskQueue(Queues.PIPELINE).build());
    PipelineResult result = pipeline.run(spec);
    assertThat(result.checkpoints()).isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
    if (store != null) {
      store.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static Optional<String> findChromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Chromium's rendering of a page after its scripts ran (virtual time lets fetches and the first
   * poll finish), or a screenshot of it when {@code screenshot} is given.
   */
  static String chromium(String path, Path screenshot) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.orElseThrow(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1280,1500",
                "--virtual-time-budget=8000"));
    if (screenshot != null) {
      Files.createDirectories(screenshot.getParent());
      command.add("--screenshot=" + screenshot.toAbsolutePath());
    } else {
      command.add("--dump-dom");
    }
    command.add(console.url() + path.substring(1));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  static int count(String haystack, String regex) {
    Matcher m = Pattern.compile(regex).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theRunsPageListsTheCompletedRun() throws Exception {
    String dom = chromium("/", null);
    assertThat(dom).contains("data-ready=\"true\"");
    assertThat(dom).containsPattern("<tr data-run=\"" + RUN + "\">");
    assertThat(dom).containsPattern("badge COMPLETED\">COMPLETED");
    chromium("/", SHOTS.resolve("runs.png"));
    assertThat(SHOTS.resolve("runs.png")).isNotEmptyFile();
  }

  @Test
  void theRunPageDrawsTheLossCurveAndTheMoleculesOfItsWorstExamples() throws Exception {
    String dom = chromium("/runs/" + RUN, null);
    assertThat(dom).contains("data-ready=\"true\"");
    Matcher points = Pattern.compile("data-train-points=\"(\\d+)\"").matcher(dom);
    assertThat(points.find()).as("the curve box says how many points it drew").isTrue();
    assertThat(Integer.parseInt(points.group(1))).isGreaterThan(1);
    assertThat(dom).containsPattern("id=\"curve\"[^>]*>.*class=\"uplot");
    assertThat(count(dom, "<canvas")).as("uPlot's canvas").isPositive();
    assertThat(dom)
        .contains(
            "id=\"checkpoints\"",
            "id=\"worst\"",
            "id=\"eval-metrics\"",
            "id=\"timeline\"",
            "id=\"spec\"");
    assertThat(dom).as("the run record's stages").contains("<b>training</b>", "<b>evaluation</b>");
    // Each worst example: its input molecule drawn, and the predicted name drawn or "unparseable".
    int examples = count(dom, "<tr class=\"example\">");
    assertThat(examples).isPositive();
    int pictures = count(dom, "<img class=\"mol\" alt=\"input\" src=\"data:image/svg\\+xml");
    assertThat(pictures).as("input molecules drawn").isEqualTo(examples);
    int predicted =
        count(dom, "<img class=\"mol\" alt=\"predicted\" src=\"data:image/svg\\+xml")
            + count(dom, "<div class=\"nomol\">unparseable</div>");
    assertThat(predicted).as("predicted structures, drawn or unparseable").isEqualTo(examples);
    Path shot = SHOTS.resolve("run.png");
    chromium("/runs/" + RUN, shot);
    assertThat(shot).isNotEmptyFile();
  }

  @Test
  void theModelsPageListsTheRunsModelVersion() throws Exception {
    String dom = chromium("/models", null);
    assertThat(dom).contains("data-ready=\"true\"", "<h2>smiles2iupac</h2>", "Promotion log");
    assertThat(dom).containsPattern("<td>" + RUN + "(<| )");
    chromium("/models", SHOTS.resolve("models.png"));
  }

  @Test
  void theConsoleCommandServesTheSameRunFromTheStacksAddresses(@TempDir Path tmp) throws Exception {
    int port = CliTest.freePort();
    Path log = tmp.resolve("console.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SeqtuneCli.class.getName(),
                "console",
                "--port",
                String.valueOf(port),
                "--home",
                tmp.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("S3_ENDPOINT", stack.store().endpoint());
    builder.environment().put("TEMPORAL_ADDRESS", stack.temporal().address());
    Process process = builder.start();
    try {
      DevUpProcessTest.awaitLog(log, process, "console    http://127.0.0.1:" + port + "/");
      HttpResponse<String> runs =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(runs.body()).contains("\"runId\":\"" + RUN + "\"", "\"status\":\"COMPLETED\"");
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("console stops on SIGTERM").isTrue();
    }
  }

  /** Not asserted (timings are for docs/console.md): each page and API answer's latency. */
  @Test
  void pageAndApiLatenciesAreReported() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        List.of(
            "/",
            "/api/runs",
            "/runs/" + RUN,
            "/api/runs/" + RUN,
            "/api/runs/" + RUN + "/evaluation",
            "/api/models",
            "/api/sweeps")) {
      long[] ms = new long[11];
      for (int i = 0; i < ms.length; i++) {
        long t = System.nanoTime();
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(console.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        ms[i] = (System.nanoTime() - t) / 1_000_000;
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
      long first = ms[0];
      long[] warm = Arrays.copyOfRange(ms, 1, ms.length);
      Arrays.sort(warm);
      System.out.printf(
          "console latency %-40s first %4d ms, warm median %3d ms, max %3d ms%n",
          path, first, warm[warm.length / 2], warm[warm.length - 1]);
    }
  }
}
