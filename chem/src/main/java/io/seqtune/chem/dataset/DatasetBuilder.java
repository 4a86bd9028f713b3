package io.seqtune.chem.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.NamedMolecule;
import io.seqtune.chem.SyntheticGenerator;
import io.seqtune.chem.curation.CuratedMolecule;
import io.seqtune.chem.curation.Curator;
import io.seqtune.chem.ingest.PubChemJoin;
import io.seqtune.chem.ingest.RowSource;
import io.seqtune.chem.ingest.TableReader;
import io.seqtune.text.PromptFormat;
import io.seqtune.text.PromptTemplate;
import io.seqtune.text.Prompted;
import io.seqtune.text.TaskText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a dataset from a spec: read sources → curate → split → render prompts → write shards,
 * quarantine and manifest. The same spec and inputs give the same key, and an existing complete
 * dataset under that key is returned instead of being rebuilt.
 */
public final class DatasetBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A dataset on disk. */
  public record BuiltDataset(Path directory, DatasetManifest manifest, boolean reused) {}

  private DatasetBuilder() {}

  public static BuiltDataset build(DatasetSpec spec, Path root) {
    PromptFormat format = PromptTemplate.parse(spec.format());
    String key = DatasetKey.derive(spec);
    Path directory = root.resolve(key);
    if (Files.exists(directory.resolve(DatasetManifest.FILE_NAME))) {
      return new BuiltDataset(directory, readManifest(directory), true);
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    DatasetKey.inputs(spec)
        .forEach(input -> inputs.put(input.toString(), DatasetKey.fileSha256(input)));
    TaskText task = TaskText.SMILES_TO_IUPAC.withDescription(spec.taskDescription());
    SplitAssigner splitter = new SplitAssigner(spec.split());
    LeakageCheck leakage = new LeakageCheck();
    Curator curator = new Curator(spec.curation());
    long keepAtMost = spec.maxRows() == null ? Long.MAX_VALUE : spec.maxRows();
    long unmatched = 0;
    try (DatasetWriter writer = new DatasetWriter(root, key, spec.shardSize())) {
      Consumer<CuratedMolecule> keep =
          curated -> {
            NamedMolecule molecule = curated.molecule();
            String group = splitter.groupKey(curated.inchiKey(), molecule.smiles());
            Split split = splitter.assign(group);
            leakage.record(split, group);
            Prompted prompted = format.render(molecule.smiles(), molecule.name(), task);
            writer.add(
                split,
                ShardRow.pair(molecule.smiles(), molecule.name(), molecule.family())
                    .identified(curated.inchiKey(), spec.split().scaffold() ? group : null)
                    .rendered(prompted));
          };
      if (spec.synthetic() != null) {
        List<NamedMolecule> synthetic = new SyntheticGenerator(spec.synthetic()).generate();
        try (RowSource rows = RowSource.ofMolecules(synthetic)) {
          curator.curate(rows, keep, writer::quarantine, keepAtMost);
        }
      }
      for (DatasetSpec.TableInput table : spec.tables()) {
        try (TableReader rows =
            TableReader.open(Path.of(table.path()), table.smilesColumn(), table.nameColumn())) {
          curator.curate(rows, keep, writer::quarantine, keepAtMost);
        }
      }
      if (spec.pubchem() != null) {
        try (PubChemJoin rows =
            new PubChemJoin(
                Path.of(spec.pubchem().cidSmiles()), Path.of(spec.pubchem().cidIupac()))) {
          curator.curate(rows, keep, writer::quarantine, keepAtMost);
          unmatched = rows.unmatched();
        }
      }
      DatasetManifest manifest = writer.finish(spec, inputs, curator.counts(unmatched));
      return new BuiltDataset(directory, manifest, false);
    }
  }

  public static DatasetManifest readManifest(Path directory) {
    try {
      return JSON.readValue(
          directory.resolve(DatasetManifest.FILE_NAME).toFile(), DatasetManifest.class);
    } catch (IOException e) {
      throw new ChemException(
          "cannot read the manifest of " + directory + ": " + e.getMessage(), e);
    }
  }
}
