package io.seqtune.chem.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubChemJoinTest {
  @TempDir Path dir;

  @Test
  void joinsByCidAndCountsUnmatched() throws IOException {
    Path smiles = gz("CID-SMILES.gz", "1\tCCO\n2\tCCC\n4\tCCN\n5\tC\n");
    Path names =
        gz("CID-IUPAC.gz", "1\tethanol\n3\tsomething\n4\tethanamine\nbroken line\n6\tother\n");
    List<SourceRow> rows = new ArrayList<>();
    long unmatched;
    try (PubChemJoin join = new PubChemJoin(smiles, names)) {
      join.forEachRemaining(rows::add);
      unmatched = join.unmatched();
    }
    assertThat(rows)
        .filteredOn(r -> !r.isMalformed())
        .extracting(SourceRow::id, SourceRow::structure, SourceRow::name)
        .containsExactly(Tuple.tuple("1", "CCO", "ethanol"), Tuple.tuple("4", "CCN", "ethanamine"));
    assertThat(rows)
        .filteredOn(SourceRow::isMalformed)
        .singleElement()
        .satisfies(r -> assertThat(r.where()).isEqualTo("CID-IUPAC.gz:4"));
    assertThat(unmatched).isEqualTo(4); // SMILES 2 and 5, names 3 and 6
  }

  @Test
  void unsortedInputStopsWithFileAndLine() throws IOException {
    Path smiles = gz("s.gz", "1\tC\n3\tCC\n2\tCCC\n");
    Path names = gz("n.gz", "1\tmethane\n2\tpropane\n3\tethane\n");
    assertThatThrownBy(
            () -> {
              try (PubChemJoin join = new PubChemJoin(smiles, names)) {
                join.forEachRemaining(row -> {});
              }
            })
        .hasMessageContaining("s.gz:3")
        .hasMessageContaining("sorted by CID");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    assertThatThrownBy(() -> new PubChemJoin(gz("s.gz", "1\tC\n"), gz("n.gz", "")))
        .hasMessageContaining("n.gz is empty");
  }

  private Path gz(String name, String content) throws IOException {
    return Files.write(dir.resolve(name), TableReaderTest.gzip(content));
  }
}
