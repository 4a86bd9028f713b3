package io.seqtune.core.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.chem.dataset.DatasetManifest;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a dataset: one JSON-lines file per split ({@code train.jsonl}, {@code
 * val.jsonl}, {@code test.jsonl}), each line {@code {"input":…,"output":…}} (chemistry rows also
 * carry {@code inchi_key}), {@code quarantine.jsonl}, and a manifest written last. Workers keep a
 * verified local copy per dataset key.
 */
public final class DatasetFiles {
  public static final String TRAIN = "train";
  public static final String VALIDATION = "val";
  public static final String TEST = "test";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetFiles() {}

  /**
   * Writes the stored form of a dataset chem built: each split's shards, in order, as one {@code
   * <split>.jsonl} of {@code input}, {@code output} (swapped when asked) and {@code inchi_key}
   * where there is one, and the quarantine file as it is. Each shard is checked against the sha256
   * in chem's manifest before it is read. Returns rows per split.
   */
  public static Map<String, Long> fromShards(
      Path builtDir, DatasetManifest manifest, Path out, boolean swap) {
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Files.createDirectories(out);
      for (String split : List.of(TRAIN, VALIDATION, TEST)) {
        long n = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve(split + ".jsonl"))) {
          for (DatasetManifest.Shard shard : manifest.shards()) {
            if (shard.split().equals(split)) {
              n += convert(builtDir.resolve(shard.file()), shard.sha256(), writer, swap);
            }
          }
        }
        rows.put(split, n);
      }
      Files.copy(
          builtDir.resolve(DatasetManifest.QUARANTINE_FILE),
          out.resolve(DatasetManifest.QUARANTINE_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the stored form of " + builtDir + " to " + out, e);
    }
    return rows;
  }

  private static long convert(Path shard, String sha256, BufferedWriter writer, boolean swap)
      throws IOException {
    String actual = Hashing.sha256(shard);
    if (!actual.equals(sha256)) {
      throw new IllegalStateException(
          shard + " has sha256 " + actual + " but its manifest says " + sha256);
    }
    long n = 0;
    try (BufferedReader reader = Files.newBufferedReader(shard)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode row = JSON.readTree(line);
        ObjectNode stored = JSON.createObjectNode();
        stored.put("input", row.get(swap ? "output" : "input").asText());
        stored.put("output", row.get(swap ? "input" : "output").asText());
        if (row.hasNonNull("inchi_key")) {
          stored.put("inchi_key", row.get("inchi_key").asText());
        }
        writer.write(JSON.writeValueAsString(stored));
        writer.write('\n');
        n++;
      }
    }
    return n;
  }

  public static List<Example> read(Path file) {
    return read(file, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} examples of a split file, read line by line: evaluation judges a few
   * hundred examples of a test split that may hold millions, and nothing after them is read.
   */
  public static List<Example> read(Path file, int limit) {
    List<Example> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      for (String line = reader.readLine();
          line != null && out.size() < limit;
          line = reader.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, Example.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset split " + file, e);
    }
  }

  /** The dataset's directory on this worker, downloaded and verified once per key. */
  public static Path local(ObjectStore store, String datasetKey, Path cacheRoot) {
    return localCopy(store, StoreLayout.dataset(datasetKey), datasetKey, cacheRoot);
  }

  /**
   * The stored directory {@code prefix} on this worker as {@code cacheRoot/<name>}, downloaded and
   * verified once.
   */
  public static Path localCopy(ObjectStore store, String prefix, String name, Path cacheRoot) {
    Path dir = cacheRoot.resolve(name);
    if (Files.exists(dir.resolve(".complete"))) {
      return dir;
    }
    Path partial = cacheRoot.resolve(name + ".partial-" + ProcessHandle.current().pid());
    store.downloadDirectory(prefix, partial);
    try {
      Files.createFile(partial.resolve(".complete"));
      if (Files.exists(dir)) {
        return dir;
      }
      Files.move(partial, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot place " + prefix + " under " + cacheRoot, e);
    }
    return dir;
  }

  public static List<Example> split(Path datasetDir, String name) {
    return split(datasetDir, name, Integer.MAX_VALUE);
  }

  /** The first {@code limit} examples of a split of a local dataset. */
  public static List<Example> split(Path datasetDir, String name, int limit) {
    return read(datasetDir.resolve(name + ".jsonl"), limit);
  }

  /** A split of a local dataset, indexed for reading by position; the caller closes it. */
  public static ExampleFile splitFile(Path datasetDir, String name) {
    return ExampleFile.open(datasetDir.resolve(name + ".jsonl"));
  }
}
