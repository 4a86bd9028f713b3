package io.seqtune.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.bench.PeakHeap;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.model.Batch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The data side of a training epoch at a given training-split size: N synthetic pairs written as
 * {@code train.jsonl}, then what {@link EpochTrainer} does before and between steps — index the
 * split, fit the tokenizer of a fresh tiny model in one pass, compute the epoch's batch order, read
 * and encode the first batches — without the model steps. Its peak live heap is set beside that of
 * holding the same split as a list of examples, the way training read it before.
 */
public final class EpochDataBenchmark {
  private static final long SAMPLE_MILLIS = 500;
  private static final String SMILES_CHARACTERS = "CCCCNOOcccn()()=123[]@H+-";
  private static final String NAME_CHARACTERS = "abcdefghilmnoprstuxyz-,()0123456789";

  private EpochDataBenchmark() {}

  /**
   * One size's figures; heaps are live heaps (sampled after full collections), in MB.
   *
   * @param rows training pairs in the split
   * @param steps batches read and encoded
   * @param indexSeconds the pass that indexes the split file
   * @param startSeconds tokenizer fit (one pass over the split) and the tiny model
   * @param orderSeconds the epoch's batch order
   * @param batchSeconds reading and encoding {@code steps} batches
   * @param heapBeforeMb live heap before the epoch's data is touched
   * @param peakHeapMb the largest live heap while the streaming path runs
   * @param inMemoryPeakHeapMb the largest live heap while the split is held as a list
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Result(
      int rows,
      int steps,
      int batchSize,
      double indexSeconds,
      double indexRowsPerSecond,
      double startSeconds,
      double orderSeconds,
      double batchSeconds,
      double heapBeforeMb,
      double peakHeapMb,
      double inMemoryPeakHeapMb,
      double heapMaxMb) {}

  public static Result run(int rows, int steps, int batchSize, long seed, Path workDir) {
    Path train = workDir.resolve(DatasetFiles.TRAIN + ".jsonl");
    writeSynthetic(rows, seed, train);
    PipelineSpec spec = tinyModelSpec(seed);
    long[] nanos = new long[4];
    double heapBefore;
    long peak;
    try (PeakHeap heap = new PeakHeap(SAMPLE_MILLIS)) {
      heapBefore = heap.stop() / 1e6;
    }
    try (PeakHeap heap = new PeakHeap(SAMPLE_MILLIS)) {
      long began = System.nanoTime();
      try (ExampleFile examples = ExampleFile.open(train)) {
        nanos[0] = lap(began);
        try (ModelBundle bundle = ModelBundle.start(spec, examples)) {
          nanos[1] = lap(began);
          int[] order = BatchOrder.of(examples.lengths(), batchSize, seed, 1);
          nanos[2] = lap(began);
          long tokens = 0;
          for (int b = 0; b < steps; b++) {
            Batch batch =
                TrainingBatch.of(
                    bundle,
                    examples,
                    TrainingBatch.positions(order, b, batchSize),
                    spec.model().maxLength());
            tokens += batch.lossTokenCount();
          }
          nanos[3] = lap(began);
          peak = heap.stop();
          // Used after the last sample, so everything the epoch holds was live at it.
          if (tokens == 0 || order.length != examples.size()) {
            throw new IllegalStateException("the benchmark's batches hold no tokens");
          }
        }
      }
    }
    double inMemoryPeak;
    try (PeakHeap heap = new PeakHeap(SAMPLE_MILLIS)) {
      List<Example> held = DatasetFiles.read(train);
      inMemoryPeak = heap.stop() / 1e6;
      if (held.size() != rows) {
        throw new IllegalStateException(train + " holds " + held.size() + " rows, not " + rows);
      }
    }
    return new Result(
        rows,
        steps,
        batchSize,
        nanos[0] / 1e9,
        rows / (nanos[0] / 1e9),
        (nanos[1] - nanos[0]) / 1e9,
        (nanos[2] - nanos[1]) / 1e9,
        (nanos[3] - nanos[2]) / 1e9,
        heapBefore,
        peak / 1e6,
        inMemoryPeak,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static long lap(long began) {
    return System.nanoTime() - began;
  }

  private static PipelineSpec tinyModelSpec(long seed) {
    try {
      return new ObjectMapper()
          .readValue(
              "{\"model\":{\"layers\":1,\"hidden\":16,\"heads\":2},\"train\":{\"seed\":"
                  + seed
                  + "}}",
              PipelineSpec.class)
          .withDefaults()
          .validate();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the benchmark's spec", e);
    }
  }

  /** SMILES-like inputs of 10-60 characters, name-like outputs of 15-80, one JSON line each. */
  private static void writeSynthetic(int rows, long seed, Path file) {
    Random random = new Random(seed);
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < rows; i++) {
        Example e =
            new Example(
                text(random, SMILES_CHARACTERS, 10 + random.nextInt(51)),
                text(random, NAME_CHARACTERS, 15 + random.nextInt(66)));
        out.write(json.writeValueAsString(e));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String text(Random random, String alphabet, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
