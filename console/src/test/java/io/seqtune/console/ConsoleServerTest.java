package io.seqtune.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.devstack.EmbeddedS3Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's server and API against a real S3 server holding a run record, an evaluation report
 * and a sweep table written here (the browser test in workers uses a real run).
 */
class ConsoleServerTest {
  static final String SECRET = "console-test-secret-71f3";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path home;
  static EmbeddedS3Server s3;
  static ObjectStore store;
  static ConsoleServer console;
  static final AtomicInteger liveCallsForOld = new AtomicInteger();

  @BeforeAll
  static void start() {
    s3 = EmbeddedS3Server.start(0, home.resolve("s3"), "console", SECRET);
    store =
        new ObjectStore(
                new StoreSettings(s3.endpoint(), "console", SECRET, StoreSettings.DEFAULT_BUCKET))
            .ensureBucket();
    store.putBytes(
        "runs/r1/run.json",
        """
        {"runId":"r1","workflowId":"r1","task":"smiles2iupac","baseModel":"scratch",
         "status":"RUNNING","stage":"training","epoch":1,"epochs":2,"step":4,"loss":2.5,
         "curve":{"train":[[1,3.0],[2,2.8],[4,2.5]],"val":[[2,2.9]]},
         "stages":[{"stage":"dataset","started":"2026-11-30T10:00:00Z","ended":"2026-11-30T10:00:05Z","attempts":1}],
         "checkpoints":[{"key":"runs/r1/checkpoints/step-000000002/","step":2,"epoch":1,"bytes":1234,"sha256":"ab12"}],
         "reportKey":"runs/r1/eval/report.json","metrics":{"roundtrip_accuracy":0.25},
         "spec":{"task":"smiles2iupac","note":"%s"},
         "created":"2026-11-30T10:00:00Z","futureField":{"kept":true}}"""
            .formatted(SECRET)
            .getBytes(StandardCharsets.UTF_8));
    store.putBytes(
        "runs/r1/eval/report.json",
        """
        {"checkpoint":"runs/r1/checkpoints/step-000000002/","beams":2,
         "report":{"n":2,"exact_match":0.0,"roundtrip_accuracy":0.5,"by_heavy_atoms":[{"bucket":"1-10","n":2,"exact_match":0.0,"roundtrip_accuracy":0.5}],
          "worst":[{"input":"CCO","reference":"ethanol","prediction":"propan-1-ol","exact":false,"normalized_edit_distance":0.6},
                   {"input":"CC(=O)O","reference":"acetic acid","prediction":"zzz-not-a-name","exact":false,"normalized_edit_distance":0.9}]},
         "verified":{"n":2,"coverage":0.5},"coverage_at_k":{"1":0.5,"2":0.5},
         "verified_answers":[{"source":"CCO","reference":"ethanol","name":"ethanol","rank":0}]}"""
            .getBytes(StandardCharsets.UTF_8));
    store.putBytes("runs/old/checkpoints/step-000000003/model/model.safetensors", new byte[] {1});
    store.putBytes(
        "sweeps/sw1/results.csv",
        "cell,status,workflow_id,failure\nc1,COMPLETED,sw1-c1,\"a, b\"\n"
            .getBytes(StandardCharsets.UTF_8));
    LiveStatus live =
        id -> {
          if ("old".equals(id)) {
            liveCallsForOld.incrementAndGet();
            return Optional.of(Map.of("status", "COMPLETED"));
          }
          return "r1".equals(id) ? Optional.of(Map.of("step", 7, "loss", 2.2)) : Optional.empty();
        };
    ScheduleSource schedules =
        () ->
            List.of(new ScheduleView("nightly", "0 0 3 * * ?", "UTC", "NORMAL", null, null, "r1"));
    console =
        ConsoleServer.start(
            new ConsoleOptions("127.0.0.1", 0, null, "http://ui/namespaces/default/workflows/"),
            store,
            live,
            schedules);
  }

  @AfterAll
  static void stop() {
    console.close();
    store.close();
    s3.close();
  }

  static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("json"));
    return JSON.readTree(r.body());
  }

  @Test
  void runsListShowsRecordsLiveProgressAndRunsKnownOnlyByArtifacts() throws Exception {
    JsonNode runs = get("/api/runs").get("runs");
    assertThat(runs).hasSize(2);
    JsonNode r1 = runs.get(0);
    assertThat(r1.get("runId").asText()).isEqualTo("r1");
    assertThat(r1.get("loss").asDouble()).isEqualTo(2.2);
    assertThat(r1.get("keyMetric").asText()).isEqualTo("roundtrip_accuracy");
    assertThat(runs.get(1).get("runId").asText()).isEqualTo("old");
    assertThat(runs.get(1).get("source").asText()).isEqualTo("artifacts");
    assertThat(runs.get(1).get("status").asText()).isEqualTo("COMPLETED");
    get("/api/runs/old");
    assertThat(liveCallsForOld).as("an ended workflow is asked once").hasValue(1);
    assertThat(get("/api/runs?status=running").get("runs")).hasSize(1);
    assertThat(get("/api/runs?q=ol").get("runs")).hasSize(1);
  }

  @Test
  void aRunKeepsUnknownFieldsGrowsItsCurveLiveAndLinksToTheTemporalUi() throws Exception {
    JsonNode r1 = get("/api/runs/r1");
    assertThat(r1.get("step").asInt()).isEqualTo(7);
    assertThat(r1.get("live").asBoolean()).isTrue();
    JsonNode train = get("/api/runs/r1").path("curve").path("train");
    assertThat(train.get(train.size() - 1).toString())
        .as("the live point extends the recorded curve")
        .isEqualTo("[7,2.2]");
    assertThat(r1.path("futureField").path("kept").asBoolean()).isTrue();
    assertThat(r1.get("temporalUrl").asText())
        .isEqualTo("http://ui/namespaces/default/workflows/r1");
    assertThat(send("GET", "/api/runs/nope").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/runs/..%2Fregistry").statusCode()).isEqualTo(404);
  }

  @Test
  void evaluationDrawsTheInputAndThePredictedNameOrSaysUnparseable() throws Exception {
    JsonNode worst = get("/api/runs/r1/evaluation").path("report").path("worst");
    assertThat(worst.get(0).path("inputPicture").path("svg").asText()).contains("<svg");
    assertThat(worst.get(0).path("predictionPicture").path("svg").asText()).contains("<svg");
    assertThat(worst.get(1).path("predictionPicture").path("error").asText())
        .isEqualTo("unparseable");
    JsonNode answer = get("/api/runs/r1/evaluation").path("verified_answers").get(0);
    assertThat(answer.path("inputPicture").path("svg").asText()).contains("<svg");
    assertThat(answer.path("predictionPicture").path("svg").asText()).contains("<svg");
    HttpResponse<String> svg = send("GET", "/api/depict?name=benzene");
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void schedulesAndSweepsComeWithTheirRuns() throws Exception {
    JsonNode schedule = get("/api/schedules").get("schedules").get(0);
    assertThat(schedule.get("name").asText()).isEqualTo("nightly");
    assertThat(schedule.get("lastRunStatus").asText()).isEqualTo("RUNNING");
    JsonNode sweep = get("/api/sweeps").get("sweeps").get(0);
    assertThat(sweep.get("header").toString()).contains("workflow_id");
    assertThat(sweep.get("rows").get(0).get(3).asText()).isEqualTo("a, b");
    assertThat(get("/api/models").get("tasks")).isEmpty();
  }

  @Test
  void pagesAndVendoredScriptsAreServedWithoutExternalReferences() throws Exception {
    for (String page : List.of("/", "/runs/r1", "/models", "/schedules")) {
      HttpResponse<String> r = send("GET", page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).contains("/assets/console.js").doesNotContain("http://", "https://");
      assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }
    assertThat(send("GET", "/assets/uPlot.iife.min.js").body()).contains("uPlot");
    assertThat(send("GET", "/assets/console.js").body()).doesNotContain("http://", "https://");
  }

  @Test
  void everyMethodButGetAndHeadIsRefused() throws Exception {
    for (String path : List.of("/", "/api/runs", "/api/runs/r1", "/api/models", "/nowhere")) {
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
      }
    }
    assertThat(send("HEAD", "/api/runs").statusCode()).isEqualTo(200);
    assertThat(store.exists("runs/r1/run.json")).isTrue();
  }

  @Test
  void theStoreSecretNeverLeavesTheServer() throws Exception {
    for (String path :
        List.of("/api/runs", "/api/runs/r1", "/api/runs/r1/evaluation", "/api/models")) {
      assertThat(send("GET", path).body()).as(path).doesNotContain(SECRET);
    }
    assertThat(get("/api/runs/r1").path("spec").path("note").asText()).isEqualTo(Redactor.MASK);
  }

  @Test
  void aTakenPortIsReportedWithTheAddress() {
    assertThatThrownBy(
            () ->
                ConsoleServer.start(
                    new ConsoleOptions("127.0.0.1", console.port(), null, null),
                    store,
                    LiveStatus.NONE,
                    ScheduleSource.NONE))
        .hasMessageStartingWith("cannot serve the console on 127.0.0.1:" + console.port());
  }

  @Test
  void beyondLoopbackATokenIsRequiredAndChecked() throws Exception {
    assertThatThrownBy(() -> ConsoleOptions.of("0.0.0.0", 0, Map.of()))
        .hasMessageContaining(ConsoleOptions.TOKEN_ENV);
    try (ConsoleServer guarded =
        ConsoleServer.start(
            new ConsoleOptions("127.0.0.1", 0, "tok-123", null),
            store,
            LiveStatus.NONE,
            ScheduleSource.NONE)) {
      URI runs = URI.create(guarded.url() + "api/runs");
      HttpClient noRedirects = HttpClient.newHttpClient();
      assertThat(
              noRedirects
                  .send(HttpRequest.newBuilder(runs).build(), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              noRedirects
                  .send(
                      HttpRequest.newBuilder(runs)
                          .header("Authorization", "Bearer tok-123")
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> withQuery =
          noRedirects.send(
              HttpRequest.newBuilder(URI.create(guarded.url() + "?token=tok-123")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(withQuery.statusCode()).isEqualTo(302);
      assertThat(withQuery.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("tok-123"));
    }
  }
}
