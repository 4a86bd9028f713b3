package io.seqtune.core;

import io.seqtune.core.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * What every activity of one worker process shares: the object store, a local scratch directory for
 * downloads and builds (a cache, never the source of truth), and its training metrics.
 */
public record WorkerContext(ObjectStore store, Path workDir, TrainingMetrics metrics) {

  public Path scratch(String... parts) {
    Path p = workDir;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }

  /** Removes a scratch directory; a leftover is harmless, so failures are ignored. */
  public static void deleteScratch(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Scratch space only.
    }
  }
}
