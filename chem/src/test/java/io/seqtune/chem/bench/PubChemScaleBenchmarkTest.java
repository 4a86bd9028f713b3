package io.seqtune.chem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.chem.ingest.PubChemJoin;
import io.seqtune.chem.ingest.SourceRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubChemScaleBenchmarkTest {
  @TempDir Path dir;

  @Test
  void writesPubChemFilesTheJoinReadsAndBuildsADatasetFromThem() {
    PubChemScaleBenchmark.Result result = PubChemScaleBenchmark.run(300, 7, dir);
    assertThat(result.rows()).isEqualTo(300);
    assertThat(result.keptRows()).isEqualTo(300);
    assertThat(result.buildPeakHeapMb()).isPositive();
    List<SourceRow> joined = new ArrayList<>();
    try (PubChemJoin join =
        new PubChemJoin(dir.resolve("CID-SMILES.gz"), dir.resolve("CID-IUPAC.gz"))) {
      join.forEachRemaining(joined::add);
      assertThat(join.unmatched()).isZero();
    }
    assertThat(joined).hasSize(300);
    assertThat(joined.get(0).id()).isEqualTo("1");
  }
}
