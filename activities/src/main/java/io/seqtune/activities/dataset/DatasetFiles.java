package io.seqtune.activities.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a dataset: one JSON-lines file per split ({@code train.jsonl},
 * {@code val.jsonl}, {@code test.jsonl}), each line {@code {"input":…,"output":…}}, and a manifest
 * written last. Workers keep a verified local copy per dataset key.
 */
public final class DatasetFiles {
  public static final String TRAIN = "train";
  public static final String VALIDATION = "val";
  public static final String TEST = "test";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetFiles() {}

  public static void write(Path file, List<Example> examples) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file)) {
        for (Example e : examples) {
          out.write(JSON.writeValueAsString(e));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static List<Example> read(Path file) {
    try {
      List<Example> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
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
    Path dir = cacheRoot.resolve(datasetKey);
    if (Files.exists(dir.resolve(".complete"))) {
      return dir;
    }
    Path partial = cacheRoot.resolve(datasetKey + ".partial-" + ProcessHandle.current().pid());
    store.downloadDirectory("datasets/" + datasetKey, partial);
    try {
      Files.createFile(partial.resolve(".complete"));
      if (Files.exists(dir)) {
        return dir;
      }
      Files.move(partial, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot place dataset " + datasetKey + " under " + cacheRoot, e);
    }
    return dir;
  }

  public static List<Example> split(Path datasetDir, String name) {
    return read(datasetDir.resolve(name + ".jsonl"));
  }
}
