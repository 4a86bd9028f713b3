package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.PipelineResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it, against a real embedded stack: run, status, models, translate, and bad
 * input.
 */
class CliTest {
  @TempDir static Path home;
  static DevStack stack;
  static Map<String, String> env;

  record Run(int exit, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  @BeforeAll
  static void start() {
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
    env = stack.environment();
  }

  @AfterAll
  static void stop() {
    Cli.environment = System.getenv();
    stack.close();
  }

  static Run seqtune(Map<String, String> environment, String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    var cli = SeqtuneCli.commandLine();
    cli.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));
    Cli.environment = environment;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = cli.execute(args);
      return new Run(
          exit, captured.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void runStatusModelsAndTranslateWorkTogether(@TempDir Path tmp) throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("run.json"),
            """
        {"task":"smiles2iupac","data":{"size":50,"seed":5},
         "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
         "train":{"epochs":1,"batchSize":16},"eval":{"maxExamples":3,"maxNewTokens":20},
         "promote":{"minValue":0}}""");
    Run run = seqtune(env, "run", "--spec", spec.toString(), "--id", "cli-run", "--wait");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("cli-run\n");
    JsonNode result = Cli.JSON.readTree(run.lastLine());
    String sha = result.get("weightsSha256").asText();
    assertThat(sha).hasSize(64);

    JsonNode status = Cli.JSON.readTree(seqtune(env, "status", "cli-run", "--json").lastLine());
    assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(status.get("stage").asText()).isEqualTo("done");
    assertThat(status.get("epoch").asInt()).isEqualTo(1);
    assertThat(status.get("model_version").asText()).isEqualTo("cli-run");
    assertThat(status.get("weights_sha256").asText()).isEqualTo(sha);

    JsonNode record = null;
    for (String line : seqtune(env, "runs", "--json", "--status", "COMPLETED").out().split("\n")) {
      JsonNode r = Cli.JSON.readTree(line);
      record = r.get("runId").asText().equals("cli-run") ? r : record;
    }
    assertThat(record).as("cli-run among the completed runs").isNotNull();
    assertThat(record.get("stage").asText()).isEqualTo("done");
    assertThat(record.get("modelVersion").asText()).isEqualTo("cli-run");
    assertThat(record.get("checkpoints").get(0).get("sha256").asText()).isEqualTo(sha);
    assertThat(record.get("curve").get("train").size()).isPositive();
    assertThat(seqtune(env, "runs", "--status", "FAILED").out()).startsWith("no runs match");

    JsonNode model = Cli.JSON.readTree(seqtune(env, "models", "--json").lastLine());
    assertThat(model.get("version").asText()).isEqualTo("cli-run");
    assertThat(model.get("task").asText()).isEqualTo("smiles2iupac");
    assertThat(model.get("champion").asBoolean()).isTrue();
    assertThat(model.get("weights_sha256").asText()).isEqualTo(sha);
    assertThat(model.get("metrics").has("roundtrip_accuracy")).isTrue();

    Run translated = seqtune(env, "translate", "--model", "champion", "--json", "CCO");
    assertThat(translated.exit()).as(translated.err()).isZero();
    JsonNode answer = Cli.JSON.readTree(translated.lastLine());
    assertThat(answer.get("input").asText()).isEqualTo("CCO");
    assertThat(answer.get("model").asText()).isEqualTo("cli-run");
    assertThat(answer.has("output")).isTrue();

    for (String mode : new String[] {"--beams=1", "--verify"}) {
      Run mixed = seqtune(env, "translate", mode, "--json", "CCO", "C1CC", "", "xyz", "CC(=O)O");
      assertThat(mixed.exit()).as("invalid inputs make the exit code non-zero").isEqualTo(1);
      assertThat(mixed.err())
          .contains("input 2 'C1CC': not a valid SMILES")
          .contains("input 3 '': empty input")
          .contains("input 4 'xyz': not a valid SMILES")
          .doesNotContain("\tat ");
      List<Boolean> answered = new ArrayList<>();
      for (String line : mixed.out().strip().split("\n")) {
        answered.add(Cli.JSON.readTree(line).has("output"));
      }
      assertThat(answered).containsExactly(true, false, false, false, true);
    }
    Run sampled =
        seqtune(env, "translate", "--verify", "--beams=2", "--samples=3", "--json", "CCO");
    assertThat(sampled.exit()).as(sampled.err()).isZero();
    assertThat(Cli.JSON.readTree(sampled.lastLine()).has("verified")).isTrue();
  }

  @Test
  void translateWithoutAChampionSaysSo() {
    Run translate = seqtune(env, "translate", "--task", "iupac2smiles", "ethanol");
    assertThat(translate.exit()).isEqualTo(1);
    assertThat(translate.err()).contains("task iupac2smiles has no champion").contains("--model");
  }

  @Test
  void cancelNamesTheCheckpointLeftAndResumeCarriesOnFromIt(@TempDir Path tmp) throws Exception {
    startThreeEpochRun(tmp, "cli-cancel", "checkpoint runs/cli-cancel/");
    Run cancel = seqtune(env, "cancel", "cli-cancel");
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains("cancelled cli-cancel; newest checkpoint runs/cli-cancel/");
    String left = cancel.out().replaceAll("(?s).*newest checkpoint (\\S+) .*", "$1");
    Run status = seqtune(env, "status", "cli-cancel");
    assertThat(status.out()).contains("CANCELED").contains("checkpoint " + left);

    Run resume = seqtune(env, "resume", "cli-cancel");
    assertThat(resume.exit()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("resumed cli-cancel");
    stack
        .connection()
        .client()
        .newUntypedWorkflowStub("cli-cancel")
        .getResult(PipelineResult.class);
    JsonNode done = Cli.JSON.readTree(seqtune(env, "status", "cli-cancel", "--json").lastLine());
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.get("epoch").asInt()).isEqualTo(3);
  }

  @Test
  void aRunTerminatedInTemporalIsRecordedAsTerminated(@TempDir Path tmp) throws Exception {
    startThreeEpochRun(tmp, "cli-terminated", "stage=training");
    stack
        .connection()
        .client()
        .newUntypedWorkflowStub("cli-terminated")
        .terminate("stopped by an operator");

    JsonNode listed = null;
    for (String line : seqtune(env, "runs", "--json", "--status", "TERMINATED").out().split("\n")) {
      JsonNode r = line.isBlank() ? null : Cli.JSON.readTree(line);
      listed = r != null && r.get("runId").asText().equals("cli-terminated") ? r : listed;
    }
    assertThat(listed).as("cli-terminated among the terminated runs").isNotNull();
    assertThat(listed.get("error").asText()).contains("stopped by an operator");
    assertThat(listed.get("ended").asText()).isNotBlank();
    assertThat(seqtune(env, "runs", "--status", "RUNNING").out()).doesNotContain("cli-terminated");
    assertThat(seqtune(env, "status", "cli-terminated").out()).contains("TERMINATED");
  }

  /**
   * Starts a run of a few seconds (three epochs of 14 steps, a checkpoint every 3) and waits until
   * its status shows {@code progress}.
   */
  private static void startThreeEpochRun(Path tmp, String id, String progress) throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("long.json"),
            """
        {"task":"smiles2iupac","data":{"size":60,"seed":5},
         "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
         "train":{"epochs":3,"batchSize":4,"checkpointEverySteps":3,"heartbeatSeconds":3},
         "eval":{"maxExamples":2,"maxNewTokens":10}}""");
    assertThat(seqtune(env, "run", "--spec", spec.toString(), "--id", id).exit()).isZero();
    Instant deadline = Instant.now().plusSeconds(120);
    while (!seqtune(env, "status", id).out().contains(progress)) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(300);
    }
  }

  @Test
  void statusOfAnUnknownRunIsOneLine() {
    Run status = seqtune(env, "status", "no-such-run");
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.err())
        .isEqualTo("seqtune: no run named no-such-run" + System.lineSeparator());
  }

  @Test
  void unreachableServersAreNamedWithoutAStackTrace(@TempDir Path tmp) throws Exception {
    Path spec = Files.writeString(tmp.resolve("run.json"), "{}");
    int port = freePort();
    Run noTemporal =
        seqtune(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port), "run", "--spec", spec.toString());
    assertThat(noTemporal.exit()).isEqualTo(1);
    assertThat(noTemporal.err())
        .contains("cannot reach Temporal at 127.0.0.1:" + port)
        .doesNotContain("\tat ");

    Run noS3 = seqtune(Map.of("S3_ENDPOINT", "http://127.0.0.1:" + port), "models");
    assertThat(noS3.exit()).isEqualTo(1);
    assertThat(noS3.err())
        .contains("cannot reach the object store at http://127.0.0.1:" + port)
        .doesNotContain("\tat ");
  }

  @Test
  void badSpecIsRefusedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("bad.json"), "{\"train\":{\"epochz\":3,\"schedule\":\"wavy\"}}");
    Run run = seqtune(env, "run", "--spec", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("train.epochz: unknown field")
        .contains("train.schedule: 'wavy'");
    assertThat(seqtune(env, "run", "--spec", tmp.resolve("missing.json").toString()).err())
        .contains("missing.json does not exist");
  }

  @Test
  void tinySpecIsCompleteAndValid() throws Exception {
    Run run = seqtune(env, "spec", "--tiny");
    JsonNode spec = Cli.JSON.readTree(run.out());
    assertThat(spec.get("train").get("epochs").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(spec.get("train").get("checkpointEverySteps").asInt()).isPositive();
    assertThat(spec.get("model").get("base").asText()).isEqualTo("scratch");
  }

  @Test
  void specWithPretrainingShowsTheStagesDefaultsAndWithoutItHasNone() throws Exception {
    JsonNode plain = Cli.JSON.readTree(seqtune(env, "spec").out());
    JsonNode pretraining = Cli.JSON.readTree(seqtune(env, "spec", "--tiny", "--pretrain").out());

    assertThat(plain.has("pretrain")).isFalse();
    JsonNode p = pretraining.get("pretrain");
    assertThat(p.get("epochs").asInt()).isEqualTo(3);
    assertThat(p.get("size").asInt()).isEqualTo(20000);
    assertThat(p.get("source").asText()).isEqualTo("synthetic");
    assertThat(p.get("learningRate").asDouble())
        .isEqualTo(pretraining.get("train").get("learningRate").asDouble());
  }
}
