package io.seqtune.workers.cli;

import io.seqtune.chem.bench.PubChemScaleBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PubChem-scale data handling: synthetic pairs written as CID-SMILES.gz / CID-IUPAC.gz, then a
 * dataset built from them; rows/s and peak live heap per size, as one JSON object.
 */
@Command(
    name = "pubchem",
    mixinStandardHelpOptions = true,
    description =
        "Writes N synthetic pairs as PubChem bulk files and builds a dataset from them; per N:"
            + " generation and build rows/s, peak live heap of the build (JSON).")
final class BenchPubchemCommand implements Callable<Integer> {
  @Option(
      names = "--rows",
      split = ",",
      defaultValue = "10000,100000",
      description = "Sizes to run, comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> rows;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(
      names = "--dir",
      description = "Work directory (kept); default: a temporary one, deleted at the end.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("pubchem-");
    try {
      List<PubChemScaleBenchmark.Result> results = new ArrayList<>();
      for (int n : rows) {
        Path sizeDir = Files.createDirectories(work.resolve("n" + n));
        results.add(PubChemScaleBenchmark.run(n, seed, sizeDir));
        System.err.printf("%d rows done%n", n);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("results", results);
      System.out.println(Cli.pretty(report));
      return 0;
    } finally {
      if (dir == null) {
        deleteTree(work);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
