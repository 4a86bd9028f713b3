package io.seqtune.core.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Written last into a stored directory: the files it holds with their sha256 and size. A directory
 * without one is incomplete and is never read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactManifest(
    String createdAt, Map<String, FileEntry> files, Map<String, Object> meta) {

  public static final String FILE_NAME = "manifest.json";

  public record FileEntry(String sha256, long bytes) {}

  public static ArtifactManifest of(Map<String, FileEntry> files, Map<String, Object> meta) {
    return new ArtifactManifest(
        Instant.now().toString(), new TreeMap<>(files), meta == null ? Map.of() : meta);
  }

  /** Bytes of every file the manifest names (a checkpoint's size in the run record). */
  public long totalBytes() {
    return files.values().stream().mapToLong(FileEntry::bytes).sum();
  }
}
