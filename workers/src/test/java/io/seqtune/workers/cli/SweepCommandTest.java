package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.core.registry.ModelCard;
import io.seqtune.core.report.CellOutcome;
import io.seqtune.core.report.SweepPlots;
import io.seqtune.core.report.SweepReportWriter;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.sweep.Sweep;
import io.seqtune.workflows.sweep.SweepResult;
import io.seqtune.workflows.sweep.SweepSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `seqtune sweep` and `seqtune report` on the real stack: a two-cell grid in which one cell cannot
 * run.
 */
class SweepCommandTest {
  static final String SWEEP =
      """
      {"sweepId":"sw-it",
       "base":{"task":"smiles2iupac","data":{"size":60,"seed":3,"format":"separator"},
               "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
               "train":{"batchSize":16,"learningRate":0.003,"warmupSteps":2},
               "eval":{"maxExamples":2,"maxNewTokens":20}},
       "models":["scratch","/nonexistent/base-model"],
       "epochs":[1],
       "concurrency":2,
       "metric":"exact_match"}""";

  @TempDir static Path home;
  static DevStack stack;

  @BeforeAll
  static void start() {
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
    Cli.environment = stack.environment();
  }

  @AfterAll
  static void stop() {
    Cli.environment = System.getenv();
    stack.close();
  }

  @Test
  void failedCellIsRecordedAndTheReportHasEveryRowAndPlot(@TempDir Path tmp) throws Exception {
    Path spec = Files.writeString(tmp.resolve("sweep.json"), SWEEP);
    assertThat(SeqtuneCli.commandLine().execute("sweep", "--spec", spec.toString(), "--wait"))
        .isZero();
    SweepResult result =
        stack.connection().client().newUntypedWorkflowStub("sw-it").getResult(SweepResult.class);

    assertThat(result.completed()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(1);
    CellOutcome trained = result.cells().get(0);
    CellOutcome broken = result.cells().get(1);
    assertThat(trained.cell().id()).isEqualTo("scratch-n60-e1-separator-full");
    assertThat(trained.cell().workflowId()).isEqualTo("sw-it-scratch-n60-e1-separator-full");
    assertThat(trained.completed()).isTrue();
    assertThat(trained.metrics()).containsKey("exact_match");
    assertThat(broken.cell().id()).isEqualTo("base-model-n60-e1-separator-full");
    assertThat(broken.completed()).isFalse();
    assertThat(broken.failure()).contains("/nonexistent/base-model");

    Path out = tmp.resolve("report");
    assertThat(SeqtuneCli.commandLine().execute("report", "sw-it", "--out", out.toString()))
        .isZero();
    List<String> csv = Files.readAllLines(out.resolve(SweepReportWriter.CSV));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0))
        .startsWith("cell,model,size,epochs,format,tuning,status,")
        .contains("exact_match");
    assertThat(csv.get(1))
        .startsWith("scratch-n60-e1-separator-full,scratch,60,1,separator,full,completed,");
    assertThat(csv.get(2))
        .startsWith(
            "base-model-n60-e1-separator-full,/nonexistent/base-model,60,1,separator,full,failed,");
    assertThat(Files.readString(out.resolve(SweepReportWriter.MARKDOWN)))
        .contains(
            "1 of 2 cells completed",
            "| scratch-n60-e1-separator-full |",
            "](" + SweepPlots.BY_EPOCHS + ")");
    for (String plot : List.of(SweepPlots.BY_EPOCHS, SweepPlots.BY_SIZE, SweepPlots.BY_FORMAT)) {
      BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
      assertThat(image).as(plot).isNotNull();
      assertThat(image.getWidth()).isEqualTo(800);
    }
    // The stored table plotted again for another metric, without the workers.
    Path again = tmp.resolve("again");
    assertThat(
            SeqtuneCli.commandLine()
                .execute("report", "sw-it", "--out", again.toString(), "--metric", "val_loss"))
        .isZero();
    for (String plot : List.of("val_loss_vs_epochs.png", "val_loss_by_format.png")) {
      assertThat(ImageIO.read(again.resolve(plot).toFile())).as(plot).isNotNull();
    }
    assertThat(
            SeqtuneCli.commandLine()
                .execute("report", "sw-it", "--out", again.toString(), "--metric", "no_such"))
        .isEqualTo(1);

    // The trained cell's model version carries its card: base model, data, format, epochs, metrics,
    // lineage.
    try (ObjectStore store = new ObjectStore(stack.store())) {
      String card =
          new String(
              store.getBytes(
                  StoreLayout.version("smiles2iupac", trained.modelVersion())
                      + ModelCard.FILE_NAME),
              StandardCharsets.UTF_8);
      assertThat(card)
          .contains(
              "base model: `scratch`",
              "instruction format: `separator`",
              "size 60",
              "epochs: 1",
              "| exact_match |",
              "checkpoint: `runs/sw-it-scratch-n60-e1-separator-full/");
    }
  }

  @Test
  void badSweepSpecIsRefusedByTheCommandNamingEveryProblemAndByTheWorkflow(@TempDir Path tmp)
      throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("bad.json"), "{\"base\":{},\"modelz\":[\"scratch\"],\"epochs\":[0]}");
    StringWriter errors = new StringWriter();
    CommandLine cli = SeqtuneCli.commandLine();
    cli.setErr(new PrintWriter(errors, true));
    assertThat(cli.execute("sweep", "--spec", spec.toString())).isEqualTo(1);
    assertThat(errors.toString()).contains("modelz: unknown field", "epochs: 0 is outside 1..1000");

    Sweep sweep =
        stack
            .connection()
            .client()
            .newWorkflowStub(
                Sweep.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("sw-bad")
                    .setTaskQueue(Queues.PIPELINE)
                    .build());
    WorkflowClient.start(sweep::run, Cli.JSON.readValue(spec.toFile(), SweepSpec.class));
    assertThatThrownBy(
            () ->
                stack
                    .connection()
                    .client()
                    .newUntypedWorkflowStub("sw-bad")
                    .getResult(SweepResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("epochs: 0 is outside 1..1000");
  }
}
