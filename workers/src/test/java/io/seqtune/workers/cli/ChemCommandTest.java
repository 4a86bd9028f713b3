package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seqtune chem roundtrip} through the CLI; needs no dev stack. */
class ChemCommandTest {
  @TempDir Path tmp;

  private static CliTest.Run seqtune(String... args) {
    return CliTest.seqtune(Map.of(), args);
  }

  private CliTest.Run roundtrip(Path input, String... more) {
    String[] base = {
      "chem",
      "roundtrip",
      "--input",
      input.toString(),
      "--name-col",
      "name",
      "--structure-col",
      "smiles"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return seqtune(args);
  }

  @Test
  void judgesAFileOfNamesAndCountsEveryVerdict() throws Exception {
    Path csv =
        Files.writeString(
            tmp.resolve("names.csv"),
            """
            smiles,name
            CCO,ethanol
            CC(=O)O,acetic acid
            C1=CC=CC=C1,cyclohexane
            "InChI=1S/CH4O/c1-2/h2H,1H3",methanol
            CC(=O)NC1=CC=C(O)C=C1.Cl,N-(4-hydroxyphenyl)acetamide;hydrochloride
            """);
    CliTest.Run run = roundtrip(csv);
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = Cli.JSON.readTree(run.out());
    assertThat(report.get("rows").asInt()).isEqualTo(5);
    assertThat(report.get("matched").asInt()).isEqualTo(4);
    assertThat(report.get("roundtrip_accuracy").asDouble()).isEqualTo(0.8);
    assertThat(report.get("verdicts").get("different_structure").asInt()).isEqualTo(1);
    assertThat(report.get("isotopes").asText()).isEqualTo("strict");
  }

  @Test
  void isotopesIgnoreAcceptsALabelledNameForUnlabelledSmiles() throws Exception {
    Path csv =
        Files.writeString(
            tmp.resolve("labelled.csv"),
            "smiles,name\nC1=CC=C(C=C1)F,1-deuterio-4-fluorobenzene\n");
    JsonNode strict = Cli.JSON.readTree(roundtrip(csv).out());
    assertThat(strict.get("verdicts").get("isotope_only").asInt()).isEqualTo(1);
    JsonNode ignore = Cli.JSON.readTree(roundtrip(csv, "--isotopes", "ignore").out());
    assertThat(ignore.get("matched").asInt()).isEqualTo(1);
  }

  @Test
  void outWritesEveryRowWithItsVerdictAndReason() throws Exception {
    Path tsv =
        Files.writeString(
            tmp.resolve("names.tsv"),
            "smiles\tname\nCCO\tethanol\nCCO\tmethanol, maybe\nC[C@@H](C(=O)O)N\t(2R)-2-aminopropanoic"
                + " acid\nC1CC(\tethanol\n");
    Path out = tmp.resolve("verdicts.csv");
    CliTest.Run run = roundtrip(tsv, "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("line,name,structure,verdict,reason");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).isEqualTo("2,ethanol,CCO,match,");
    assertThat(lines.get(2)).startsWith("3,\"methanol, maybe\",CCO,opsin_cannot_parse,");
    assertThat(lines.get(3)).contains(",stereo_only,stereo only (Tanimoto");
    assertThat(lines.get(4)).startsWith("5,ethanol,C1CC(,unreadable_reference,");
  }

  @Test
  void aLongFileShowsProgressAndStillReportsEveryRow() throws Exception {
    StringBuilder text = new StringBuilder("smiles,name\n");
    int rows = ChemCommand.Roundtrip.PROGRESS_AFTER_ROWS + 500;
    for (int i = 0; i < rows; i++) {
      text.append(i % 2 == 0 ? "CCO,ethanol\n" : "CC(=O)O,acetic acid\n");
    }
    Path csv = Files.writeString(tmp.resolve("long.csv"), text);
    CliTest.Run run = roundtrip(csv);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Cli.JSON.readTree(run.out()).get("matched").asInt()).isEqualTo(rows);
  }

  @Test
  void anUnreadableFileIsOneLineNamingIt() throws IOException {
    Path notGzip = Files.writeString(tmp.resolve("names.csv.gz"), "smiles,name\nCCO,ethanol\n");
    Path truncated = tmp.resolve("cut.csv.gz");
    byte[] gz = gzip("smiles,name\n" + "CCO,ethanol\n".repeat(5_000));
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    for (Path bad :
        List.of(tmp.resolve("missing.csv"), tmp, notGzip, truncated, tmp.resolve("x.xlsx"))) {
      CliTest.Run run = roundtrip(bad);
      assertThat(run.exit()).as(bad.toString()).isEqualTo(1);
      assertThat(run.err().strip()).as(bad.toString()).startsWith("seqtune: ").doesNotContain("\n");
      assertThat(run.err()).contains(bad.getFileName().toString());
    }
  }

  @Test
  void aBadOptionValueNamesTheChoices() throws IOException {
    Path csv = Files.writeString(tmp.resolve("n.csv"), "smiles,name\nCCO,ethanol\n");
    CliTest.Run run = roundtrip(csv, "--isotopes", "loose");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("--isotopes must be one of [strict, ignore], got 'loose'");
  }

  private static byte[] gzip(String text) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
