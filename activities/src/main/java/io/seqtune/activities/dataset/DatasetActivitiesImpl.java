package io.seqtune.activities.dataset;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.WorkerContext;
import io.seqtune.activities.spec.DataSpec;
import io.seqtune.activities.spec.PipelineSpec;
import io.seqtune.activities.store.Hashing;
import io.seqtune.activities.store.ObjectStore;
import io.seqtune.chem.NamedMolecule;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.SyntheticGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds a dataset once per key: the key hashes the data spec and the input files, so asking again
 * (a replay, a retry, a second run on the same data) reuses the stored dataset.
 */
public final class DatasetActivitiesImpl implements DatasetActivities {
  private final WorkerContext context;

  public DatasetActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public DatasetRef buildDataset(PipelineSpec spec) {
    context.metrics().attempt("BuildDataset");
    ObjectStore store = context.store();
    String key = datasetKey(spec);
    var existing = store.manifest("datasets/" + key);
    if (existing.isPresent()) {
      return ref(key, existing.get().meta(), true);
    }
    Path dir = context.scratch("build", key + "-" + UUID.randomUUID());
    try {
      List<Example> examples = examples(spec);
      Splits splits = Splits.byGroup(examples, spec.data().valFraction(), spec.data().testFraction(),
          spec.data().seed(), spec.isChemistry() && spec.task().equals("smiles2iupac") ? Splits.STRUCTURE : Splits.TEXT);
      if (splits.train().isEmpty() || splits.test().isEmpty()) {
        throw ActivityFailures.invalidDataset("dataset too small to split: " + examples.size() + " examples", null);
      }
      DatasetFiles.write(dir.resolve(DatasetFiles.TRAIN + ".jsonl"), splits.train());
      DatasetFiles.write(dir.resolve(DatasetFiles.VALIDATION + ".jsonl"), splits.validation());
      DatasetFiles.write(dir.resolve(DatasetFiles.TEST + ".jsonl"), splits.test());
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("key", key);
      meta.put("task", spec.task());
      meta.put("data", spec.data());
      meta.put("train", splits.train().size());
      meta.put("validation", splits.validation().size());
      meta.put("test", splits.test().size());
      meta.put("removed_by_rule", Map.of());
      store.uploadDirectory("datasets/" + key, dir, meta);
      return ref(key, meta, false);
    } catch (RuntimeException e) {
      context.metrics().failure("BuildDataset");
      throw e;
    } finally {
      WorkerContext.deleteScratch(dir);
    }
  }

  private static List<Example> examples(PipelineSpec spec) {
    DataSpec d = spec.data();
    if (!"synthetic".equals(d.source())) {
      throw ActivityFailures.invalidSpec("data.source '" + d.source() + "' is not supported by this worker yet");
    }
    List<NamedMolecule> molecules = new SyntheticGenerator(SyntheticConfig.defaults(d.size(), d.seed())).generate();
    boolean toName = !"iupac2smiles".equals(spec.task());
    return molecules.stream()
        .map(m -> toName ? new Example(m.smiles(), m.name()) : new Example(m.name(), m.smiles()))
        .toList();
  }

  /** sha256 of the task, the data spec and the bytes of every input file, shortened. */
  static String datasetKey(PipelineSpec spec) {
    DataSpec d = spec.data();
    Map<String, Object> identity = new TreeMap<>();
    identity.put("task", spec.task());
    identity.put("source", d.source());
    identity.put("size", d.size());
    identity.put("seed", d.seed());
    identity.put("columns", d.inputColumn() + "/" + d.outputColumn());
    identity.put("fractions", d.valFraction() + "/" + d.testFraction());
    identity.put("curate", d.curate());
    for (String path : new String[] {d.path(), d.namesPath()}) {
      if (path != null) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
          throw ActivityFailures.invalidSpec("data file " + p.toAbsolutePath() + " does not exist on this worker");
        }
        identity.put("file:" + p.getFileName(), Hashing.sha256(p));
      }
    }
    return spec.task() + "-" + Hashing.sha256(ObjectStore.jsonBytes(identity)).substring(0, 16);
  }

  private static DatasetRef ref(String key, Map<String, Object> meta, boolean reused) {
    @SuppressWarnings("unchecked")
    Map<String, Integer> removed = (Map<String, Integer>) meta.getOrDefault("removed_by_rule", Map.of());
    return new DatasetRef(key, ((Number) meta.get("train")).intValue(), ((Number) meta.get("validation")).intValue(),
        ((Number) meta.get("test")).intValue(), removed, reused);
  }
}
