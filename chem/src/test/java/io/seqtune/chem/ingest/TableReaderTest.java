package io.seqtune.chem.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.chem.ChemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  @TempDir Path dir;

  @Test
  void readsQuotedCsvAndReportsBadRows() throws IOException {
    Path file =
        write(
            "pairs.csv",
            "id,smiles,iupac\n1,CCO,ethanol\n2,\"CC(=O)O\",\"acetic acid, glacial\"\n3,CCC\n\n4,CCN,\n");
    List<SourceRow> rows = readAll(file, "smiles", "iupac");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).isEqualTo(new SourceRow("pairs.csv", 2, "2", "CCO", "ethanol", null));
    assertThat(rows.get(1).name()).isEqualTo("acetic acid, glacial");
    assertThat(rows.get(2).problem()).isEqualTo("expected 3 fields, found 2");
    assertThat(rows.get(2).where()).isEqualTo("pairs.csv:4");
    assertThat(rows.get(3).problem()).isEqualTo("empty name");
  }

  @Test
  void readsTsvAndJsonl() throws IOException {
    assertThat(readAll(write("p.tsv", "smiles\tname\nCCO\tethanol\n"), "smiles", "name"))
        .extracting(SourceRow::name)
        .containsExactly("ethanol");
    List<SourceRow> json =
        readAll(
            write("p.jsonl", "{\"s\":\"CCO\",\"n\":\"ethanol\"}\n{bad json\n{\"s\":\"C\"}\n"),
            "s",
            "n");
    assertThat(json.get(0).structure()).isEqualTo("CCO");
    assertThat(json.get(1).problem()).startsWith("invalid JSON");
    assertThat(json.get(2).problem()).contains("no field 'n'");
  }

  @Test
  void missingColumnsAndEmptyFilesFailWithTheFileName() throws IOException {
    assertThatThrownBy(() -> TableReader.open(write("a.csv", "smiles,name\n"), "smiles", "iupac"))
        .isInstanceOf(ChemException.class)
        .hasMessageContaining("a.csv has no column 'iupac'")
        .hasMessageContaining("[smiles, name]");
    assertThatThrownBy(() -> TableReader.open(write("e.csv", ""), "smiles", "name"))
        .hasMessageContaining("e.csv is empty");
    assertThatThrownBy(
            () -> TableReader.open(write("j.jsonl", "{\"smiles\":\"C\"}\n"), "smiles", "name"))
        .hasMessageContaining("j.jsonl:1");
    assertThatThrownBy(() -> TableReader.open(dir.resolve("none.csv"), "smiles", "name"))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> TableReader.open(write("x.xlsx", "a"), "smiles", "name"))
        .hasMessageContaining(".csv, .tsv or .jsonl");
  }

  @Test
  void truncatedGzipNamesTheFileAndTheLastCompleteLine() throws IOException {
    StringBuilder text = new StringBuilder("smiles,name\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("C").append(",methane").append(i).append('\n');
    }
    byte[] gz = gzip(text.toString());
    Path whole = dir.resolve("whole.csv.gz");
    Files.write(whole, gz);
    assertThat(readAll(whole, "smiles", "name")).hasSize(20_000);
    Path truncated = dir.resolve("cut.csv.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    List<SourceRow> delivered = new ArrayList<>();
    try (TableReader reader = TableReader.open(truncated, "smiles", "name")) {
      assertThatThrownBy(() -> reader.forEachRemaining(delivered::add))
          .isInstanceOf(ChemException.class)
          .hasMessageContaining(
              "cut.csv.gz is truncated after line " + (delivered.size() + 1) + " ");
    }
    // Every complete line before the cut was delivered, far more than one buffer's worth.
    assertThat(delivered.size()).isGreaterThan(1_000);
    assertThat(delivered.get(delivered.size() - 1).name())
        .isEqualTo("methane" + (delivered.size() - 1));
  }

  @Test
  void byteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
    Path file = write("excel.csv", "\uFEFFsmiles,iupac\nCCO,ethanol\n");
    assertThat(readAll(file, "smiles", "iupac"))
        .extracting(SourceRow::name)
        .containsExactly("ethanol");
  }

  static byte[] gzip(String text) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<SourceRow> readAll(Path file, String structure, String name) {
    List<SourceRow> rows = new ArrayList<>();
    try (TableReader reader = TableReader.open(file, structure, name)) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }
}
