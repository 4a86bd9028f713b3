package io.seqtune.activities.dataset;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.spec.DataSpec;
import io.seqtune.activities.spec.PipelineSpec;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.TaskText;
import io.seqtune.chem.curation.CurationConfig;
import io.seqtune.chem.dataset.DatasetKey;
import io.seqtune.chem.dataset.DatasetSpec;
import io.seqtune.chem.dataset.SplitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a pipeline spec asks of chem's dataset builder, and the key its dataset is stored under: the
 * task, then chem's key of the spec and the input files' bytes.
 *
 * <p>Chemistry rows are always (SMILES, name) to chem; {@code iupac2smiles} swaps the pair when the
 * dataset is stored. Prompts are rendered by the trainer, so the format is not part of the key.
 */
record DatasetRequest(String task, DatasetSpec spec) {
  static final String TEXT_DESCRIPTION =
      "text pairs: input to output, split by input text, no chemistry";

  /** chem's prompt format for its own shards; those prompts are not kept (see class comment). */
  static final String SHARD_FORMAT = "bare";

  static final int SHARD_SIZE = 100_000;

  static DatasetRequest of(PipelineSpec pipeline) {
    DataSpec d = pipeline.data();
    boolean chemistry = pipeline.isChemistry();
    boolean toName = !"iupac2smiles".equals(pipeline.task());
    SyntheticConfig synthetic = null;
    List<DatasetSpec.TableInput> tables = List.of();
    DatasetSpec.PubChemInput pubchem = null;
    try {
      switch (d.source()) {
        case "synthetic" -> {
          requireChemistry(chemistry, "synthetic");
          synthetic = SyntheticConfig.defaults(d.size(), d.seed());
        }
        case "file" ->
            tables =
                List.of(
                    chemistry && !toName
                        ? new DatasetSpec.TableInput(
                            existing("data.path", d.path()), d.outputColumn(), d.inputColumn())
                        : new DatasetSpec.TableInput(
                            existing("data.path", d.path()), d.inputColumn(), d.outputColumn()));
        case "pubchem" -> {
          requireChemistry(chemistry, "pubchem");
          pubchem =
              new DatasetSpec.PubChemInput(
                  existing("data.path", d.path()), existing("data.namesPath", d.namesPath()));
        }
        default ->
            throw ActivityFailures.invalidSpec(
                "data.source: '" + d.source() + "' is not one of " + DataSpec.SOURCES);
      }
      CurationConfig curation =
          chemistry && Boolean.TRUE.equals(d.curate())
              ? CurationConfig.paper()
              : CurationConfig.validityOnly();
      SplitConfig split =
          new SplitConfig(
              1 - d.valFraction() - d.testFraction(),
              d.valFraction(),
              d.testFraction(),
              d.seed(),
              false);
      String description = chemistry ? TaskText.SMILES_TO_IUPAC.description() : TEXT_DESCRIPTION;
      return new DatasetRequest(
          pipeline.task(),
          new DatasetSpec(
              synthetic,
              tables,
              pubchem,
              curation,
              split,
              SHARD_FORMAT,
              description,
              SHARD_SIZE,
              synthetic == null ? d.size() : null));
    } catch (IllegalArgumentException e) {
      throw ActivityFailures.invalidSpec("data: " + e.getMessage());
    }
  }

  boolean chemistry() {
    return !"text".equals(task);
  }

  /** iupac2smiles stores (name, SMILES); chem builds (SMILES, name). */
  boolean swap() {
    return "iupac2smiles".equals(task);
  }

  /** {@code <task>-ds-<24 hex>}: the same task, spec and input bytes give the same key. */
  String key() {
    return task + "-" + DatasetKey.derive(spec);
  }

  private static void requireChemistry(boolean chemistry, String source) {
    if (!chemistry) {
      throw ActivityFailures.invalidSpec(
          "data.source: " + source + " data exists for chemistry tasks only; give a file");
    }
  }

  private static String existing(String field, String path) {
    if (path == null || path.isBlank()) {
      throw ActivityFailures.invalidSpec(field + ": required for this data.source");
    }
    if (!Files.isRegularFile(Path.of(path))) {
      throw ActivityFailures.invalidSpec(
          field + ": file " + Path.of(path).toAbsolutePath() + " does not exist on this worker");
    }
    return path;
  }
}
