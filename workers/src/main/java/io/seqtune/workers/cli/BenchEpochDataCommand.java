package io.seqtune.workers.cli;

import io.seqtune.core.training.EpochDataBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The data side of a training epoch per training-split size: index, tokenizer fit, batch order and
 * the first batches, with peak live heap beside that of holding the split in memory (JSON).
 */
@Command(
    name = "epoch-data",
    mixinStandardHelpOptions = true,
    description =
        "Per N synthetic training pairs: the data pipeline of one epoch (index, tokenizer fit,"
            + " batch order, --steps batches encoded, no model steps); seconds and peak live heap,"
            + " beside the heap of the split held as a list (JSON).")
final class BenchEpochDataCommand implements Callable<Integer> {
  @Option(
      names = "--rows",
      split = ",",
      defaultValue = "20000,200000",
      description = "Training-split sizes, comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> rows;

  @Option(names = "--steps", defaultValue = "20", description = "Batches to read and encode.")
  int steps;

  @Option(names = "--batch-size", defaultValue = "32")
  int batchSize;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (steps < 1 || batchSize < 1) {
      throw new IllegalArgumentException("--steps and --batch-size must be at least 1");
    }
    for (int n : rows) {
      if (n < (long) steps * batchSize) {
        throw new IllegalArgumentException(
            "--rows " + n + " is fewer than --steps x --batch-size = " + steps * batchSize);
      }
    }
    List<EpochDataBenchmark.Result> results = new ArrayList<>();
    for (int n : rows) {
      Path work = Files.createTempDirectory("epoch-data-");
      try {
        results.add(EpochDataBenchmark.run(n, steps, batchSize, seed, work));
      } finally {
        Files.deleteIfExists(work.resolve("train.jsonl"));
        Files.delete(work);
      }
      System.err.printf("%d rows done%n", n);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("results", results);
    System.out.println(Cli.pretty(report));
    return 0;
  }
}
