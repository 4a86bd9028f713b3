package io.seqtune.chem.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.curation.CurationCounts;
import io.seqtune.chem.curation.Rejection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a dataset directory: shards per split, the quarantine file, and manifest.json last, all in
 * a temporary directory that is moved into place in one step. A failed build leaves nothing behind
 * under the dataset key, so a directory named by a key is always complete.
 */
public final class DatasetWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final String key;
  private final int shardSize;
  private final Path temporary;
  private final Map<Split, ShardFile> open = new EnumMap<>(Split.class);
  private final Map<Split, Integer> shardIndex = new EnumMap<>(Split.class);
  private final Map<String, Long> rowsBySplit = new LinkedHashMap<>();
  private final List<DatasetManifest.Shard> shards = new ArrayList<>();
  private final ShardFile quarantine;
  private boolean finished;

  /** A file being written, hashed as it goes. */
  private static final class ShardFile {
    final String name;
    final String split;
    final MessageDigest digest = DatasetKey.sha256();
    final BufferedWriter writer;
    long rows;

    ShardFile(Path directory, String name, String split) throws IOException {
      this.name = name;
      this.split = split;
      this.writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  new DigestOutputStream(Files.newOutputStream(directory.resolve(name)), digest),
                  StandardCharsets.UTF_8),
              1 << 16);
    }

    void write(Object row) throws IOException {
      writer.write(JSON.writeValueAsString(row));
      writer.write('\n');
      rows++;
    }

    DatasetManifest.Shard close() throws IOException {
      writer.close();
      return new DatasetManifest.Shard(
          name, split, rows, HexFormat.of().formatHex(digest.digest()));
    }
  }

  public DatasetWriter(Path root, String key, int shardSize) {
    this.root = root;
    this.key = key;
    this.shardSize = shardSize;
    try {
      Files.createDirectories(root);
      this.temporary = Files.createTempDirectory(root, ".tmp-" + key + "-");
      this.quarantine = new ShardFile(temporary, DatasetManifest.QUARANTINE_FILE, "quarantine");
    } catch (IOException e) {
      throw new ChemException(
          "cannot create a dataset directory under " + root + ": " + e.getMessage(), e);
    }
    for (Split split : Split.values()) {
      rowsBySplit.put(split.id, 0L);
    }
  }

  public void add(Split split, ShardRow row) {
    try {
      ShardFile shard = open.get(split);
      if (shard == null || shard.rows == shardSize) {
        if (shard != null) {
          shards.add(shard.close());
        }
        int index = shardIndex.merge(split, 1, Integer::sum) - 1;
        shard = new ShardFile(temporary, String.format("%s-%05d.jsonl", split.id, index), split.id);
        open.put(split, shard);
      }
      shard.write(row);
      rowsBySplit.merge(split.id, 1L, Long::sum);
    } catch (IOException e) {
      throw new UncheckedIOException("writing dataset " + key, e);
    }
  }

  public void quarantine(Rejection rejection) {
    try {
      quarantine.write(rejection);
    } catch (IOException e) {
      throw new UncheckedIOException("writing quarantine of dataset " + key, e);
    }
  }

  /** Closes the shards, writes manifest.json, and moves the directory to root/key. */
  public DatasetManifest finish(
      DatasetSpec spec, Map<String, String> inputs, CurationCounts counts) {
    try {
      for (ShardFile shard : open.values()) {
        shards.add(shard.close());
      }
      shards.add(quarantine.close());
      shards.sort(Comparator.comparing(DatasetManifest.Shard::file));
      DatasetManifest manifest =
          new DatasetManifest(
              key,
              DatasetKey.LAYOUT_VERSION,
              spec,
              inputs,
              counts,
              rowsBySplit,
              quarantine.rows,
              List.copyOf(shards),
              "passed");
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(temporary.resolve(DatasetManifest.FILE_NAME).toFile(), manifest);
      moveIntoPlace();
      finished = true;
      return manifest;
    } catch (IOException e) {
      throw new ChemException("cannot finish dataset " + key + ": " + e.getMessage(), e);
    }
  }

  private void moveIntoPlace() throws IOException {
    Path target = root.resolve(key);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // Another build of the same key won the race; its content is the same by construction.
      deleteTemporary();
    } catch (AtomicMoveNotSupportedException e) {
      throw new ChemException("the dataset root " + root + " does not support atomic moves", e);
    }
  }

  /** Removes the temporary directory unless the dataset was finished. */
  @Override
  public void close() {
    if (!finished) {
      for (ShardFile shard : open.values()) {
        closeQuietly(shard);
      }
      closeQuietly(quarantine);
      deleteTemporary();
    }
  }

  private static void closeQuietly(ShardFile shard) {
    try {
      shard.writer.close();
    } catch (IOException ignored) {
      // The directory is being deleted; a close failure changes nothing.
    }
  }

  private void deleteTemporary() {
    if (!Files.exists(temporary)) {
      return;
    }
    try (Stream<Path> files = Files.walk(temporary)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new ChemException(
          "cannot remove the temporary dataset directory " + temporary + ": " + e.getMessage(), e);
    }
  }
}
