package io.seqtune.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table and plots of a sweep whose cells do not cover every format, and one of which failed.
 */
class SweepReportFilesTest {
  static CellOutcome done(
      String model, int size, int epochs, String format, int rank, double accuracy) {
    String id = model + "-n" + size + "-e" + epochs + "-" + format + "-" + rank;
    return new CellOutcome(
        new GridCell(id, "sw-" + id, model, size, epochs, format, rank),
        true,
        Map.of("exact_match", accuracy, "bleu4", 0.5),
        1.25,
        "sw-" + id,
        null);
  }

  static final List<CellOutcome> CELLS =
      List.of(
          done("scratch", 60, 1, "chat", 0, 0.1),
          done("scratch", 60, 2, "chat", 0, 0.3),
          done("scratch", 120, 2, "bare", 0, 0.5),
          done("/m/gpt2", 60, 1, "chat", 8, 0.4),
          new CellOutcome(
              new GridCell("x", "sw-x", "/m/missing", 60, 1, "chat", 0),
              false,
              Map.of(),
              null,
              null,
              "model directory /m/missing not found, \"really\""));

  @Test
  void tableHasOneRowPerCellInCsvAndMarkdown() {
    SweepTable table = new SweepTable(CELLS);
    List<String> csv = table.csv().lines().toList();
    assertThat(csv).hasSize(6);
    assertThat(csv.get(0))
        .isEqualTo(
            "cell,model,size,epochs,format,tuning,status,bleu4,exact_match,final_train_loss,model_version,workflow_id,failure");
    assertThat(csv.get(4))
        .isEqualTo(
            "/m/gpt2-n60-e1-chat-8,/m/gpt2,60,1,chat,lora-r8,completed,0.5000,0.4000,1.2500,sw-/m/gpt2-n60-e1-chat-8,sw-/m/gpt2-n60-e1-chat-8,");
    assertThat(csv.get(5))
        .endsWith(",failed,,,,,sw-x,\"model directory /m/missing not found, \"\"really\"\"\"");
    List<String> md = table.markdown().lines().toList();
    assertThat(md).hasSize(7);
    assertThat(md.get(1)).startsWith("| --- | --- |");
  }

  @Test
  void storedTableReadsBackAsTheSameCells() {
    List<CellOutcome> read = SweepTable.read(new SweepTable(CELLS).csv());
    assertThat(read).hasSize(CELLS.size());
    // Metrics are written to 4 decimals; these are exact at that precision.
    assertThat(read).containsExactlyElementsOf(CELLS);
  }

  @Test
  void somethingElseIsNotReadAsASweepTable() {
    assertThatThrownBy(() -> SweepTable.read("smiles,name\nC,methane\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a sweep results table");
  }

  @Test
  void plotsAreValidPngsEvenWhereASeriesLacksAFormat(@TempDir Path dir) throws Exception {
    SweepPlots plots = new SweepPlots("exact_match", CELLS);
    assertThat(plots.hasData()).isTrue();
    for (String file : plots.write(dir)) {
      BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
      assertThat(image).as(file).isNotNull();
      assertThat(image.getHeight()).isEqualTo(500);
    }
    assertThat(new SweepPlots("roundtrip_accuracy", CELLS).hasData()).isFalse();
  }
}
