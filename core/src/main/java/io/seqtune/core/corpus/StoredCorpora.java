package io.seqtune.core.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.chem.dataset.DatasetKey;
import io.seqtune.core.NonRetryableException;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.PretrainSpec;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a pretraining corpus once per key and stores it as {@code corpora/<key>/}: {@code
 * train.jsonl} and {@code val.jsonl}, one text a line as {@code {"input": text, "output": "",
 * "inchi_key": …}} (the form {@link io.seqtune.core.dataset.ExampleFile} indexes, so training reads
 * it by position), and a manifest written last. Every {@value #VALIDATION_EVERY}th text goes to
 * {@code val.jsonl}.
 *
 * <p>No leakage: a text naming a molecule of the dataset's validation or test split (by InChIKey,
 * as the splits were made), or equal to one of their inputs or outputs, is left out and counted, so
 * pretraining never sees a held-out answer. The key covers the dataset's key for that reason. Texts
 * are written as they are read; only the held-out set is kept in memory.
 */
public final class StoredCorpora {
  static final int VALIDATION_EVERY = 20;
  static final int LAYOUT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkerContext context;

  public StoredCorpora(WorkerContext context) {
    this.context = context;
  }

  /**
   * The corpus {@code spec.pretrain()} asks for, free of {@code datasetKey}'s held-out molecules,
   * built and uploaded first if the store lacks it. {@code work} is this attempt's scratch
   * directory.
   */
  public CorpusRef buildOrReuse(PipelineSpec spec, String datasetKey, Path work) {
    String key = key(spec, datasetKey);
    String prefix = StoreLayout.corpus(key);
    Optional<ArtifactManifest> existing = context.store().manifest(prefix);
    if (existing.isPresent()) {
      return ref(key, existing.get().meta(), true);
    }
    Path data = DatasetFiles.local(context.store(), datasetKey, context.scratch("datasets"));
    HeldOutAnswers held = HeldOutAnswers.of(data);
    Path out = work.resolve("corpus-" + key);
    Map<String, Object> meta = new LinkedHashMap<>();
    try {
      Files.createDirectories(out);
      long[] counts = write(spec, held, out);
      if (counts[0] == 0) {
        throw NonRetryableException.invalidDataset(
            "pretraining corpus "
                + key
                + " holds no training text: "
                + counts[2]
                + " of "
                + (counts[0] + counts[1] + counts[2])
                + " texts name held-out molecules",
            null);
      }
      meta.put("key", key);
      meta.put("dataset", datasetKey);
      meta.put("pretrain", corpusFields(spec.pretrain()));
      meta.put("train", counts[0]);
      meta.put("validation", counts[1]);
      meta.put("excluded", counts[2]);
      meta.put("held_out_molecules", held.molecules());
      meta.put("layout_version", LAYOUT_VERSION);
      context.store().uploadDirectory(prefix, out, meta);
      return ref(key, meta, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write pretraining corpus " + key + " to " + out, e);
    } finally {
      WorkerContext.deleteScratch(out);
    }
  }

  /** Writes the kept texts; returns {train, validation, excluded}. */
  private static long[] write(PipelineSpec spec, HeldOutAnswers held, Path out) throws IOException {
    long[] counts = new long[3];
    try (BufferedWriter train =
            Files.newBufferedWriter(out.resolve(DatasetFiles.TRAIN + ".jsonl"));
        BufferedWriter val =
            Files.newBufferedWriter(out.resolve(DatasetFiles.VALIDATION + ".jsonl"))) {
      CorpusTexts.read(
          spec.pretrain(),
          spec.taskType().chemistry(),
          t -> {
            if (held.holds(t.text(), t.inchiKey())) {
              counts[2]++;
              return;
            }
            long kept = counts[0] + counts[1];
            boolean toValidation = kept % VALIDATION_EVERY == VALIDATION_EVERY - 1;
            ObjectNode row = JSON.createObjectNode().put("input", t.text()).put("output", "");
            if (t.inchiKey() != null) {
              row.put("inchi_key", t.inchiKey());
            }
            try {
              (toValidation ? val : train).write(JSON.writeValueAsString(row) + "\n");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            counts[toValidation ? 1 : 0]++;
          });
    }
    return counts;
  }

  /**
   * {@code <task>-pt-<24 hex>}: sha256 of the layout version, the dataset key, the corpus fields of
   * the spec, and for a file its bytes' sha256.
   */
  static String key(PipelineSpec spec, String datasetKey) {
    PretrainSpec p = spec.pretrain();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("layout", LAYOUT_VERSION);
    identity.put("dataset", datasetKey);
    identity.put("pretrain", corpusFields(p));
    if ("file".equals(p.source()) && Files.isRegularFile(Path.of(p.path()))) {
      identity.put("file_sha256", DatasetKey.fileSha256(Path.of(p.path())));
    }
    String hex = Hashing.sha256(ObjectStore.jsonBytes(identity));
    return spec.task() + "-pt-" + hex.substring(0, 24);
  }

  /** The fields that decide the corpus's texts (not epochs or learning rate). */
  private static Map<String, Object> corpusFields(PretrainSpec p) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("source", p.source());
    fields.put("size", p.size());
    if ("synthetic".equals(p.source())) {
      fields.put("seed", p.seed());
    } else {
      fields.put("path", p.path());
    }
    return fields;
  }

  private static CorpusRef ref(String key, Map<String, Object> meta, boolean reused) {
    return new CorpusRef(
        key,
        ((Number) meta.get("train")).intValue(),
        ((Number) meta.get("validation")).intValue(),
        ((Number) meta.get("excluded")).longValue(),
        reused);
  }

  /** The corpus's local directory on this worker, downloaded and verified once per key. */
  public static Path local(WorkerContext context, String corpusKey) {
    return DatasetFiles.localCopy(
        context.store(), StoreLayout.corpus(corpusKey), corpusKey, context.scratch("corpora"));
  }
}
