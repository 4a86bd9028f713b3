package io.seqtune.workers.reliability;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.CorruptArtifactException;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Is a run's part of the store consistent? Every checkpoint directory present must have a manifest
 * that names exactly its files, each matching its sha256.
 */
final class StoreAudit {
  private StoreAudit() {}

  /** The problems found (none when consistent); prints a one-line summary. */
  static List<String> checkpoints(ObjectStore store, String runId, Path scratch) {
    String prefix = StoreLayout.checkpoints(runId);
    TreeSet<String> dirs = new TreeSet<>();
    List<String> keys = store.list(prefix);
    for (String key : keys) {
      String rest = key.substring(prefix.length());
      dirs.add(prefix + rest.substring(0, rest.indexOf('/') + 1));
    }
    List<String> problems = new ArrayList<>();
    for (String dir : dirs) {
      Optional<ArtifactManifest> manifest = store.manifest(dir);
      if (manifest.isEmpty()) {
        problems.add(dir + " has files but no manifest");
        continue;
      }
      for (String key : keys) {
        String name = key.substring(dir.length());
        if (key.startsWith(dir)
            && !name.equals(ArtifactManifest.FILE_NAME)
            && !manifest.get().files().containsKey(name)) {
          problems.add(dir + name + " is not in its manifest");
        }
      }
      try {
        store.downloadDirectory(dir, scratch.resolve(dir.replace('/', '_')));
      } catch (CorruptArtifactException e) {
        problems.add(e.getMessage());
      }
    }
    System.out.printf(
        "[%s] store audit of run %s: %d checkpoint directories %s, %s%n",
        Clock.now(),
        runId,
        dirs.size(),
        dirs.stream().map(d -> d.substring(prefix.length(), d.length() - 1)).toList(),
        problems.isEmpty()
            ? "every one complete and matching its manifest"
            : "PROBLEMS " + problems);
    return problems;
  }
}
