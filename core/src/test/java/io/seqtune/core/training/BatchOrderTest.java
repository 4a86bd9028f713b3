package io.seqtune.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.dataset.ExampleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchOrderTest {
  @TempDir Path dir;

  @Test
  void examplesReadByPositionComeInTheOrderTheInMemorySplitGave() throws IOException {
    Path file = dir.resolve("train.jsonl");
    writeExamples(file, 1_037);
    List<Example> inMemory = DatasetFiles.read(file);
    try (ExampleFile streamed = ExampleFile.open(file)) {
      assertThat(streamed.size()).isEqualTo(inMemory.size());
      for (int batchSize : new int[] {1, 4, 7, 16, 64}) {
        for (int epoch = 1; epoch <= 3; epoch++) {
          int[] order = BatchOrder.of(streamed.lengths(), batchSize, 42, epoch);
          List<Example> read = IntStream.of(order).mapToObj(streamed::get).toList();
          List<Example> expected =
              inMemoryOrder(inMemory, batchSize, 42, epoch).stream().map(inMemory::get).toList();
          assertThat(read).as("batch size %d, epoch %d", batchSize, epoch).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void orderFromLengthsEqualsTheListOrderForManySeedsAndSizes() {
    Random random = new Random(7);
    for (int n : new int[] {1, 2, 5, 63, 64, 65, 1_000, 5_003}) {
      List<Example> examples = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Few distinct lengths: many ties, which the window sort must keep in shuffled order.
        examples.add(new Example("x".repeat(random.nextInt(6)), "y".repeat(random.nextInt(4))));
      }
      int[] lengths =
          examples.stream().mapToInt(e -> e.input().length() + e.output().length()).toArray();
      for (long seed : new long[] {0, 1, 123_456_789L}) {
        for (int batchSize : new int[] {1, 3, 8, 32}) {
          assertThat(BatchOrder.of(lengths, batchSize, seed, 2))
              .as("n %d, seed %d, batch size %d", n, seed, batchSize)
              .containsExactly(
                  inMemoryOrder(examples, batchSize, seed, 2).stream()
                      .mapToInt(Integer::intValue)
                      .toArray());
        }
      }
    }
  }

  @Test
  void blankLinesAreSkippedAndNonAsciiTextReadsBack() throws IOException {
    Path file = dir.resolve("val.jsonl");
    Files.writeString(
        file,
        "{\"input\":\"CC\",\"output\":\"ethane\"}\n\n"
            + "{\"input\":\"C[13CH3]\",\"output\":\"(¹³C)ethane µ\",\"inchi_key\":\"K\"}\r\n"
            + "   \n{\"input\":\"C\",\"output\":\"methane\"}");
    try (ExampleFile streamed = ExampleFile.open(file)) {
      assertThat(streamed).containsExactlyElementsOf(DatasetFiles.read(file));
      assertThat(streamed.lengths()).containsExactly(8, 21, 8);
    }
  }

  /**
   * The order as it was computed from the whole split in memory: list shuffle, stable list sort by
   * length in windows, shuffle of the full batches. The streaming path must give exactly this.
   */
  private static List<Integer> inMemoryOrder(
      List<Example> examples, int batchSize, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(IntStream.range(0, examples.size()).boxed().toList());
    Collections.shuffle(order, random);
    Comparator<Integer> byLength =
        Comparator.comparingInt(
            i -> examples.get(i).input().length() + examples.get(i).output().length());
    int window = batchSize * BatchOrder.WINDOW_BATCHES;
    for (int from = 0; from < order.size(); from += window) {
      order.subList(from, Math.min(order.size(), from + window)).sort(byLength);
    }
    List<List<Integer>> batches = new ArrayList<>();
    for (int from = 0; from < order.size(); from += batchSize) {
      batches.add(order.subList(from, Math.min(order.size(), from + batchSize)));
    }
    List<List<Integer>> full =
        batches.subList(0, batches.size() - (order.size() % batchSize == 0 ? 0 : 1));
    Collections.shuffle(full, random);
    return batches.stream().flatMap(List::stream).toList();
  }

  private static void writeExamples(Path file, int n) throws IOException {
    Random random = new Random(3);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String input = "C".repeat(1 + random.nextInt(30)) + i;
      String output = "é-name-" + "x".repeat(random.nextInt(40));
      lines.add("{\"input\":\"" + input + "\",\"output\":\"" + output + "\"}");
      if (i % 100 == 0) {
        lines.add("");
      }
    }
    Files.write(file, lines);
  }
}
