package io.seqtune.chem.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.curation.CurationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {
  @TempDir Path root;

  private static final SyntheticConfig SMALL =
      new SyntheticConfig(
          300, 3, Map.of("arenes", 1.0, "principal_groups", 1.0, "saturated_heterocycles", 1.0));

  @Test
  void writesShardsQuarantineAndManifestThenReusesIt() throws IOException {
    DatasetSpec spec =
        DatasetSpec.builder()
            .synthetic(SMALL)
            .curation(CurationConfig.validityOnly())
            .split(new SplitConfig(0.8, 0.1, 0.1, 5, false))
            .format("instruction", "Name it.")
            .shardSize(100)
            .build();
    DatasetBuilder.BuiltDataset built = DatasetBuilder.build(spec, root);
    assertThat(built.reused()).isFalse();
    DatasetManifest manifest = built.manifest();
    assertThat(built.directory().getFileName().toString())
        .isEqualTo(manifest.key())
        .startsWith("ds-");
    assertThat(manifest.rowsBySplit().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(300);
    assertThat(manifest.rowsBySplit().get("train")).isBetween(200L, 280L);
    assertThat(manifest.curation().kept()).isEqualTo(300);
    assertThat(manifest.shards())
        .extracting(DatasetManifest.Shard::file)
        .contains("train-00000.jsonl", "train-00001.jsonl", "quarantine.jsonl");
    for (DatasetManifest.Shard shard : manifest.shards()) {
      assertThat(DatasetKey.fileSha256(built.directory().resolve(shard.file())))
          .isEqualTo(shard.sha256());
      assertThat(Files.readAllLines(built.directory().resolve(shard.file())))
          .hasSize((int) shard.rows());
    }
    JsonNode row =
        new ObjectMapper()
            .readTree(Files.readAllLines(built.directory().resolve("train-00000.jsonl")).get(0));
    assertThat(row.get("prompt").asText())
        .startsWith("### Instruction:\nName it.")
        .contains(row.get("input").asText());
    assertThat(row.get("response").asText()).isEqualTo(row.get("output").asText());
    assertThat(row.get("inchi_key").asText()).hasSize(27);
    LeakageCheck.verify(built.directory());

    DatasetBuilder.BuiltDataset again = DatasetBuilder.build(spec, root);
    assertThat(again.reused()).isTrue();
    assertThat(again.manifest()).isEqualTo(manifest);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void keyFollowsSpecAndInputBytes() throws IOException {
    Path table = Files.writeString(root.resolve("in.csv"), "smiles,name\nCCO,ethanol\n");
    DatasetSpec spec = fromTable(table).build();
    String key = DatasetKey.derive(spec);
    assertThat(DatasetKey.derive(spec)).isEqualTo(key);
    assertThat(
            DatasetKey.derive(
                DatasetSpec.builder()
                    .tables(spec.tables())
                    .curation(spec.curation())
                    .split(spec.split())
                    .format("chat", "x")
                    .shardSize(10)
                    .build()))
        .isNotEqualTo(key);
    Files.writeString(table, "smiles,name\nCCO,ethyl alcohol\n");
    assertThat(DatasetKey.derive(spec)).isNotEqualTo(key);
  }

  @Test
  void scaffoldSplitKeepsScaffoldsApart() {
    DatasetSpec spec =
        DatasetSpec.builder()
            .synthetic(SMALL)
            .curation(CurationConfig.validityOnly())
            .split(new SplitConfig(0.6, 0.2, 0.2, 9, true))
            .format("bare", "x")
            .shardSize(1000)
            .build();
    DatasetBuilder.BuiltDataset built = DatasetBuilder.build(spec, root);
    LeakageCheck.verify(built.directory());
    assertThat(built.manifest().rowsBySplit().get("test")).isPositive();
    assertThat(Scaffolds.murcko("CC(C)Cc1ccc(cc1)C(C)C(=O)O"))
        .isEqualTo(Scaffolds.murcko("c1ccccc1CCO"))
        .isEqualTo("C1=CC=CC=C1");
    assertThat(Scaffolds.murcko("CCCC")).isEmpty();
  }

  @Test
  void leakageIsDetected() {
    LeakageCheck check = new LeakageCheck();
    check.record(Split.TRAIN, "KEY");
    check.record(Split.TRAIN, "KEY");
    assertThatThrownBy(() -> check.record(Split.TEST, "KEY"))
        .isInstanceOf(ChemException.class)
        .hasMessageContaining("train and test");
  }

  @Test
  void failedBuildLeavesNothingBehind() throws IOException {
    Path table = Files.writeString(root.resolve("in.csv"), "smiles,iupac\nCCO,ethanol\n");
    DatasetSpec spec = fromTable(table).synthetic(SMALL).build();
    assertThatThrownBy(() -> DatasetBuilder.build(spec, root))
        .hasMessageContaining("in.csv has no column 'name'");
    assertThat(leftovers()).isEmpty();
    assertThat(Files.exists(root.resolve(DatasetKey.derive(spec)))).isFalse();
  }

  @Test
  void quarantineHoldsRejectedRowsWithReasons() throws IOException {
    Path table =
        Files.writeString(
            root.resolve("in.tsv"),
            "smiles\tname\nCCO\tethanol\nC1CC(\tbroken\nOCC\tethanol again\nCC\n");
    DatasetSpec spec = fromTable(table).format("separator", "x").build();
    DatasetBuilder.BuiltDataset built = DatasetBuilder.build(spec, root);
    List<String> quarantine =
        Files.readAllLines(built.directory().resolve(DatasetManifest.QUARANTINE_FILE));
    assertThat(quarantine).hasSize(3);
    assertThat(String.join("\n", quarantine))
        .contains("invalid_smiles", "duplicate_smiles", "malformed_row", "\"line\":3");
    assertThat(built.manifest().quarantined()).isEqualTo(3);
    assertThat(built.manifest().curation().removedByRule()).containsEntry("invalid_smiles", 1L);
  }

  @Test
  void maxRowsKeepsTheFirstCuratedRowsAndStopsReading() throws IOException {
    StringBuilder csv = new StringBuilder("smiles,name\nC1CC(,broken\n");
    String[] alkanes = {"C", "CC", "CCC", "CCCC", "CCCCC", "CCCCCC", "CCCCCCC", "CCCCCCCC"};
    for (String smiles : alkanes) {
      csv.append(smiles).append(",alkane with ").append(smiles.length()).append(" carbons\n");
    }
    Path table = Files.writeString(root.resolve("alkanes.csv"), csv);
    DatasetSpec all = fromTable(table).build();
    DatasetSpec five =
        DatasetSpec.builder()
            .synthetic(all.synthetic())
            .tables(all.tables())
            .curation(all.curation())
            .split(all.split())
            .format("bare", "x")
            .shardSize(10)
            .maxRows(5)
            .build();
    assertThat(DatasetKey.derive(five)).isNotEqualTo(DatasetKey.derive(all));

    DatasetManifest cut = DatasetBuilder.build(five, root).manifest();
    assertThat(cut.curation().kept()).isEqualTo(5);
    assertThat(cut.curation().rowsRead())
        .isEqualTo(6); // the broken row, then five kept; the rest unread
    Path dir = root.resolve(DatasetKey.derive(five));
    List<String> kept = new ArrayList<>();
    for (DatasetManifest.Shard shard : cut.shards()) {
      if (!shard.file().equals(DatasetManifest.QUARANTINE_FILE)) {
        Files.readAllLines(dir.resolve(shard.file()))
            .forEach(line -> kept.add(readTree(line).get("input").asText()));
      }
    }
    assertThat(kept).containsExactlyInAnyOrder("C", "CC", "CCC", "CCCC", "CCCCC");
    assertThat(DatasetBuilder.build(all, root).manifest().curation().kept())
        .isEqualTo(alkanes.length);
  }

  private static JsonNode readTree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      return files.filter(p -> p.getFileName().toString().startsWith(".tmp")).toList();
    }
  }

  /** The CSV {@code table} (columns smiles, name), validity checks, default split, bare format. */
  private static DatasetSpec.Builder fromTable(Path table) {
    return DatasetSpec.builder()
        .tables(List.of(new DatasetSpec.TableInput(table.toString(), "smiles", "name")))
        .curation(CurationConfig.validityOnly())
        .split(SplitConfig.defaults(1))
        .format("bare", "x")
        .shardSize(10);
  }
}
