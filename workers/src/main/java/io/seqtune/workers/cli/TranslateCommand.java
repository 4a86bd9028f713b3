package io.seqtune.workers.cli;

import io.seqtune.chem.CandidateRanker;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.Molecules;
import io.seqtune.chem.Stereo;
import io.seqtune.chem.VerifiedName;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.evaluation.CandidateSearch;
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
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Translates inputs with a registry model (the champion by default), optionally verified by OPSIN.
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = {
      "Translate inputs (e.g. SMILES) with a model from the registry.",
      "An empty or unparsable input is reported on stderr with its position and skipped; the"
          + " others are translated, and the exit code is 1."
    })
final class TranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Option(
      names = "--samples",
      defaultValue = "0",
      description =
          "With --verify: this many sampled candidates after the beams (default 0), checked in"
              + " order of model probability.")
  int samples;

  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      description = "Sampling temperature (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--max-new-tokens", defaultValue = "120")
  int maxNewTokens;

  @Option(names = "--json", description = "One JSON object per input.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<Integer, String> invalid = invalidInputs();
    List<String> valid =
        IntStream.range(0, inputs.size())
            .filter(i -> !invalid.containsKey(i))
            .mapToObj(inputs::get)
            .toList();
    try (ObjectStore store = Cli.store()) {
      ModelVersion version = resolve(new ModelRegistry(store));
      List<List<String>> candidates =
          valid.isEmpty() ? List.of() : candidates(store, version, valid);
      int next = 0;
      for (int i = 0; i < inputs.size(); i++) {
        if (invalid.containsKey(i)) {
          String problem = "input " + (i + 1) + " '" + inputs.get(i) + "': " + invalid.get(i);
          spec.commandLine().getErr().println("seqtune: " + problem);
          if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("input", inputs.get(i));
            row.put("error", invalid.get(i));
            System.out.println(Cli.json(row));
          }
          continue;
        }
        print(inputs.get(i), candidates.get(next++), version);
      }
    }
    return invalid.isEmpty() ? 0 : 1;
  }

  /**
   * Inputs a SMILES task cannot take (empty, or not parsed by CDK), by position, with the reason.
   */
  private Map<Integer, String> invalidInputs() {
    Map<Integer, String> invalid = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      String input = inputs.get(i);
      if (input.isBlank()) {
        invalid.put(i, "empty input");
      } else if ("smiles2iupac".equals(task)) {
        try {
          Molecules.parseSmiles(input);
        } catch (ChemException e) {
          invalid.put(i, "not a valid SMILES (" + e.getMessage() + ")");
        }
      }
    }
    return invalid;
  }

  private ModelVersion resolve(ModelRegistry registry) {
    if (ModelRegistry.CHAMPION.equals(model) && registry.champion(task).isEmpty()) {
      throw new IllegalArgumentException(
          "task "
              + task
              + " has no champion: no model has passed promotion yet (promote.minValue); list"
              + " the registered versions with `seqtune models --task "
              + task
              + "` and pass one with --model");
    }
    return registry.resolve(task, model);
  }

  private List<List<String>> candidates(ObjectStore store, ModelVersion version, List<String> in) {
    Path dir = Path.of(".seqtune", "models", task, version.version());
    if (!Files.exists(dir.resolve("model.safetensors"))) {
      new ModelRegistry(store).fetch(version, dir);
    }
    try (ModelBundle bundle = ModelBundle.load(dir, DeviceChoice.CPU)) {
      Translator translator = new Translator(bundle);
      if (verify && samples > 0) {
        CandidateSearch search =
            new CandidateSearch(Math.max(beams, 1), samples, temperature, 0, 1);
        return translator.candidates(in, search, maxNewTokens, done -> {});
      }
      return translator.candidates(
          in, Math.max(beams, verify ? 2 : 1), maxNewTokens, Math.max(beams, 1));
    }
  }

  private void print(String input, List<String> beamsOut, ModelVersion version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("input", input);
    if (verify) {
      VerifiedName chosen = CandidateRanker.choose(input, beamsOut, Stereo.STRICT);
      row.put("output", chosen.name());
      row.put("verified", chosen.verified());
      row.put("rank", chosen.rank());
    } else {
      row.put("output", beamsOut.get(0));
    }
    row.put("model", version.version());
    System.out.println(
        json
            ? Cli.json(row)
            : row.get("output")
                + (verify
                    ? (Boolean.TRUE.equals(row.get("verified")) ? "  [verified]" : "  [unverified]")
                    : ""));
  }
}
