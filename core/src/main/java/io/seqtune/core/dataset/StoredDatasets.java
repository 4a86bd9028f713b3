package io.seqtune.core.dataset;

import io.seqtune.chem.ChemException;
import io.seqtune.chem.dataset.DatasetBuilder;
import io.seqtune.chem.dataset.DatasetBuilder.BuiltDataset;
import io.seqtune.chem.dataset.DatasetManifest;
import io.seqtune.core.NonRetryableException;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds a dataset once per key with chem's {@link DatasetBuilder} (text tasks with {@link
 * TextDatasets}), stores it as {@code datasets/<key>/} in {@link DatasetFiles}' form, and reuses
 * the stored one when the same request comes again (a replay, a retry, a second run).
 *
 * <p>Bad input (a missing file or column, an empty or truncated file) fails with a {@link
 * NonRetryableException}; the upload starts only after the whole dataset is built, and its manifest
 * is written last.
 */
public final class StoredDatasets {
  private final WorkerContext context;

  public StoredDatasets(WorkerContext context) {
    this.context = context;
  }

  /**
   * The stored dataset {@code spec} asks for, built and uploaded first if the store lacks it.
   * {@code work} is this attempt's scratch directory.
   */
  public DatasetRef buildOrReuse(PipelineSpec spec, Path work) {
    DatasetRequest request = DatasetRequest.of(spec);
    String key = invalidDataOnChemFailure(request::key);
    String prefix = StoreLayout.dataset(key);
    Optional<ArtifactManifest> existing = context.store().manifest(prefix);
    if (existing.isPresent()) {
      return ref(key, existing.get().meta(), true);
    }
    Path root = context.scratch("dataset-builds");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root, e);
    }
    BuiltDataset built =
        invalidDataOnChemFailure(
            () ->
                request.chemistry()
                    ? DatasetBuilder.build(request.spec(), root)
                    : TextDatasets.build(request.spec(), root));
    Path upload = work.resolve("upload-" + key);
    try {
      Map<String, Object> meta =
          meta(
              key,
              spec,
              request,
              built.manifest(),
              DatasetFiles.fromShards(built.directory(), built.manifest(), upload, request.swap()));
      if (((Number) meta.get("train")).longValue() == 0
          || ((Number) meta.get("test")).longValue() == 0) {
        throw NonRetryableException.invalidDataset(
            "dataset "
                + key
                + " is too small to split: "
                + meta.get("train")
                + " train, "
                + meta.get("validation")
                + " validation, "
                + meta.get("test")
                + " test examples from "
                + built.manifest().curation().rowsRead()
                + " rows ("
                + built.manifest().quarantined()
                + " quarantined, by rule "
                + removedByRule(built.manifest())
                + ")",
            null);
      }
      context.store().uploadDirectory(prefix, upload, meta);
      WorkerContext.deleteScratch(built.directory());
      return ref(key, meta, false);
    } catch (NonRetryableException | IllegalStateException e) {
      // No retry can use this local build: it is invalid, or its shards no longer match their
      // hashes.
      WorkerContext.deleteScratch(built.directory());
      throw e;
    } finally {
      WorkerContext.deleteScratch(upload);
    }
  }

  /**
   * Runs a step that reads the input files; what chem cannot read is bad data, which no retry
   * fixes.
   */
  private static <T> T invalidDataOnChemFailure(Supplier<T> step) {
    try {
      return step.get();
    } catch (ChemException e) {
      throw NonRetryableException.invalidDataset(e.getMessage(), e);
    }
  }

  private static Map<String, Object> meta(
      String key,
      PipelineSpec spec,
      DatasetRequest request,
      DatasetManifest built,
      Map<String, Long> rows) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("key", key);
    meta.put("task", spec.task());
    meta.put("data", spec.data());
    meta.put("train", rows.get(DatasetFiles.TRAIN));
    meta.put("validation", rows.get(DatasetFiles.VALIDATION));
    meta.put("test", rows.get(DatasetFiles.TEST));
    meta.put("removed_by_rule", removedByRule(built));
    meta.put(
        "curation_rules",
        !request.chemistry()
            ? "none"
            : Boolean.TRUE.equals(spec.data().curate()) ? "paper" : "validity_only");
    meta.put("curation", built.curation());
    meta.put("quarantined", built.quarantined());
    meta.put("split_by", request.chemistry() ? "inchi_key" : "input");
    meta.put("leakage_check", built.leakageCheck());
    meta.put("build_key", built.key());
    meta.put("layout_version", built.layoutVersion());
    meta.put("inputs", built.inputs());
    meta.put("spec", built.spec());
    return meta;
  }

  private static Map<String, Long> removedByRule(DatasetManifest built) {
    return built.curation().removedByRule();
  }

  private static DatasetRef ref(String key, Map<String, Object> meta, boolean reused) {
    Map<String, Integer> removed = new LinkedHashMap<>();
    if (meta.get("removed_by_rule") instanceof Map<?, ?> byRule) {
      byRule.forEach(
          (rule, count) -> removed.put(String.valueOf(rule), ((Number) count).intValue()));
    }
    return new DatasetRef(
        key, count(meta, "train"), count(meta, "validation"), count(meta, "test"), removed, reused);
  }

  private static int count(Map<String, Object> meta, String split) {
    return ((Number) meta.get(split)).intValue();
  }
}
