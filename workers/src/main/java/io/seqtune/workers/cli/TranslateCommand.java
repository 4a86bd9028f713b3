package io.seqtune.workers.cli;

import io.seqtune.chem.CandidateRanker;
import io.seqtune.chem.Stereo;
import io.seqtune.chem.VerifiedName;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.evaluation.Translator;
import io.seqtune.core.registry.ModelRegistry;
import io.seqtune.core.registry.ModelVersion;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.model.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Translates inputs with a registry model (the champion by default), optionally verified by OPSIN.
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = "Translate inputs (e.g. SMILES) with a model from the registry.")
final class TranslateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Inputs, e.g. CCO")
  List<String> inputs;

  @Option(
      names = "--model",
      defaultValue = "champion",
      description = "A version name or 'champion' (default).")
  String model;

  @Option(
      names = "--task",
      defaultValue = "smiles2iupac",
      description = "Task (default ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--beams", defaultValue = "1", description = "Beam width (default 1: greedy).")
  int beams;

  @Option(
      names = "--verify",
      description = "Return the best of the beams whose OPSIN parse is the input molecule.")
  boolean verify;

  @Option(names = "--max-new-tokens", defaultValue = "120")
  int maxNewTokens;

  @Option(names = "--json", description = "One JSON object per input.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (ObjectStore store = Cli.store()) {
      ModelRegistry registry = new ModelRegistry(store);
      ModelVersion version = registry.resolve(task, model);
      Path dir = Path.of(".seqtune", "models", task, version.version());
      if (!Files.exists(dir.resolve("model.safetensors"))) {
        registry.fetch(version, dir);
      }
      try (ModelBundle bundle = ModelBundle.load(dir, DeviceChoice.CPU)) {
        Translator translator = new Translator(bundle);
        List<List<String>> candidates =
            translator.candidates(
                inputs, Math.max(beams, verify ? 2 : 1), maxNewTokens, Math.max(beams, 1));
        for (int i = 0; i < inputs.size(); i++) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("input", inputs.get(i));
          if (verify) {
            VerifiedName chosen =
                CandidateRanker.choose(inputs.get(i), candidates.get(i), Stereo.STRICT);
            row.put("output", chosen.name());
            row.put("verified", chosen.verified());
            row.put("rank", chosen.rank());
          } else {
            row.put("output", candidates.get(i).get(0));
          }
          row.put("model", version.version());
          System.out.println(
              json
                  ? Cli.json(row)
                  : row.get("output")
                      + (verify
                          ? (Boolean.TRUE.equals(row.get("verified"))
                              ? "  [verified]"
                              : "  [unverified]")
                          : ""));
        }
      }
    }
    return 0;
  }
}
