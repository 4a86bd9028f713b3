package io.seqtune.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a split: whole, or only its first rows, without touching what follows them. */
class DatasetFilesTest {
  @Test
  void aLimitedReadStopsAtItsLimitAndNeverReadsTheRest(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve(DatasetFiles.TEST + ".jsonl"),
        """
        {"input":"C","output":"methane"}

        {"input":"CC","output":"ethane"}
        not json: a reader that went on would fail here
        """);

    assertThat(DatasetFiles.split(dir, DatasetFiles.TEST, 2))
        .extracting(Example::input, Example::output)
        .containsExactly(tuple("C", "methane"), tuple("CC", "ethane"));
    assertThat(DatasetFiles.split(dir, DatasetFiles.TEST, 1)).hasSize(1);
    assertThatThrownBy(() -> DatasetFiles.split(dir, DatasetFiles.TEST))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read dataset split");
  }
}
