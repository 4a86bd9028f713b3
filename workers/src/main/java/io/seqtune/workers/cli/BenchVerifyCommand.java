package io.seqtune.workers.cli;

import io.seqtune.chem.Isotopes;
import io.seqtune.chem.Stereo;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.evaluation.CandidateSearch;
import io.seqtune.core.evaluation.Translator;
import io.seqtune.core.evaluation.VerifiedCoverage;
import io.seqtune.model.DeviceChoice;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Verified coverage of a trained model against the number of candidates per molecule: decodes a
 * test split with beams and samples, checks every candidate by the OPSIN round trip, and prints the
 * coverage curve with the seconds it cost per molecule, as one JSON object.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verified coverage at k = 1, 2, 4, ... candidates per molecule (beams, then samples) of a"
            + " model directory on a test split, with decode and verify seconds per molecule (JSON).")
final class BenchVerifyCommand implements Callable<Integer> {
  @Option(
      names = "--model-dir",
      required = true,
      description = "A model directory: a checkpoint's model/ or a registry version.")
  Path modelDir;

  @Option(
      names = "--test",
      required = true,
      description = "A dataset split in JSON lines (input, output), e.g. a dataset's test.jsonl.")
  Path test;

  @Option(names = "--max-examples", defaultValue = "200")
  int maxExamples;

  @Option(names = "--beams", defaultValue = "8", description = "Beam width (default 8).")
  int beams;

  @Option(
      names = "--samples",
      defaultValue = "0",
      description = "Sampled candidates per molecule after the beams (default 0).")
  int samples;

  @Option(names = "--temperature", defaultValue = "1.0")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "0: every token.")
  int topK;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--max-new-tokens", defaultValue = "100")
  int maxNewTokens;

  @Option(names = "--stereo", defaultValue = "strict", description = "strict or ignore.")
  String stereo;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(test)) {
      throw new IllegalArgumentException("--test " + test + ": no such file");
    }
    List<Example> examples = DatasetFiles.read(test, maxExamples);
    int total = examples.size();
    CandidateSearch search = new CandidateSearch(beams, samples, temperature, topK, seed);
    List<List<String>> candidates;
    long began = System.nanoTime();
    try (ModelBundle bundle = ModelBundle.load(modelDir, DeviceChoice.CPU)) {
      candidates =
          new Translator(bundle)
              .candidates(
                  examples.stream().map(Example::input).toList(),
                  search,
                  maxNewTokens,
                  done -> System.err.printf("%d/%d decoded%n", done, total));
    }
    double decodeSeconds = (System.nanoTime() - began) / 1e9;
    VerifiedCoverage coverage =
        VerifiedCoverage.of(
            examples,
            candidates,
            search,
            decodeSeconds,
            Stereo.valueOf(stereo.toUpperCase()),
            Isotopes.STRICT);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("date", Instant.now().toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.put("model_dir", modelDir.toString());
    out.put("examples", examples.size());
    out.put("search", Cli.snakeCase(search));
    out.put("coverage", Cli.snakeCase(coverage));
    System.out.println(Cli.pretty(out));
    return 0;
  }
}
