package io.seqtune.core.dataset;

import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.curation.CurationConfig;
import io.seqtune.chem.dataset.DatasetKey;
import io.seqtune.chem.dataset.DatasetSpec;
import io.seqtune.chem.dataset.SplitConfig;
import io.seqtune.core.NonRetryableException;
import io.seqtune.core.spec.DataSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.Task;
import io.seqtune.text.TaskText;
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
record DatasetRequest(Task task, DatasetSpec spec) {
  static final String TEXT_DESCRIPTION =
      "text pairs: input to output, split by input text, no chemistry";

  /** chem's prompt format for its own shards; those prompts are not kept (see class comment). */
  static final String SHARD_FORMAT = "bare";

  static final int SHARD_SIZE = 100_000;

  static DatasetRequest of(PipelineSpec pipeline) {
    DataSpec d = pipeline.data();
    Task task = pipeline.taskType();
    boolean chemistry = task.chemistry();
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
                    task.reversesChemPairs()
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
            throw NonRetryableException.invalidSpec(
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
          task,
          DatasetSpec.builder()
              .synthetic(synthetic)
              .tables(tables)
              .pubchem(pubchem)
              .curation(curation)
              .split(split)
              .format(SHARD_FORMAT, description)
              .shardSize(SHARD_SIZE)
              .maxRows(synthetic == null ? d.size() : null)
              .build());
    } catch (IllegalArgumentException e) {
      throw NonRetryableException.invalidSpec("data: " + e.getMessage());
    }
  }

  boolean chemistry() {
    return task.chemistry();
  }

  /** iupac2smiles stores (name, SMILES); chem builds (SMILES, name). */
  boolean swap() {
    return task.reversesChemPairs();
  }

  /** {@code <task>-ds-<24 hex>}: the same task, spec and input bytes give the same key. */
  String key() {
    return task.id() + "-" + DatasetKey.derive(spec);
  }

  private static void requireChemistry(boolean chemistry, String source) {
    if (!chemistry) {
      throw NonRetryableException.invalidSpec(
          "data.source: " + source + " data exists for chemistry tasks only; give a file");
    }
  }

  private static String existing(String field, String path) {
    if (path == null || path.isBlank()) {
      throw NonRetryableException.invalidSpec(field + ": required for this data.source");
    }
    if (!Files.isRegularFile(Path.of(path))) {
      throw NonRetryableException.invalidSpec(
          field + ": file " + Path.of(path).toAbsolutePath() + " does not exist on this worker");
    }
    return path;
  }
}
