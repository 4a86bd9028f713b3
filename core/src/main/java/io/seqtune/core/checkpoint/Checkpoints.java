package io.seqtune.core.checkpoint;

import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.CorruptArtifactException;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoints in the store, {@code runs/<runId>/checkpoints/step-<globalStep>/} (those of
 * its pretraining stage under {@code runs/<runId>/pretraining/checkpoints/}): the model directory
 * under {@code model/}, optimizer and scheduler state under {@code trainer/}, the spec ({@code
 * spec.json}) and {@link CheckpointState}; the manifest is written last, so only complete ones are
 * ever listed.
 */
public final class Checkpoints {
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  public static final String MODEL_DIR = "model";

  /** The weights file inside a checkpoint, as its manifest names it. */
  public static final String WEIGHTS_FILE = MODEL_DIR + "/model.safetensors";

  public static final String TRAINER_DIR = "trainer";
  public static final String SPEC_FILE = "spec.json";

  private final ObjectStore store;
  private final Phase phase;

  /** The fine-tuning checkpoints of runs. */
  public Checkpoints(ObjectStore store) {
    this(store, Phase.FINE_TUNING);
  }

  /** The checkpoints runs keep in {@code phase}. */
  public Checkpoints(ObjectStore store, Phase phase) {
    this.store = store;
    this.phase = phase;
  }

  /** What a checkpoint must have been trained under to be resumed: the same spec, byte for byte. */
  public static String specSha256(PipelineSpec spec) {
    return Hashing.sha256(ObjectStore.jsonBytes(spec));
  }

  /** Uploads a local checkpoint directory; returns its key once its manifest is in place. */
  public String upload(String runId, CheckpointState state, String specSha256, Path dir) {
    String key = StoreLayout.checkpointIn(phase.checkpoints(runId), state.globalStep());
    store.uploadDirectory(key, dir, StoredCheckpoint.meta(state, specSha256));
    return key;
  }

  /** Complete checkpoints of a run, newest (highest step) first. */
  public List<StoredCheckpoint> complete(String runId) {
    List<StoredCheckpoint> found = new ArrayList<>();
    for (String dir : directories(runId)) {
      // A manifest deleted since the listing (retention by another attempt) just drops out.
      store.manifest(dir).ifPresent(m -> found.add(StoredCheckpoint.of(dir, m)));
    }
    found.sort(Comparator.comparingLong(StoredCheckpoint::globalStep).reversed());
    return found;
  }

  /**
   * Deletes what interrupted uploads left behind: checkpoint directories without a manifest. A slow
   * attempt still uploading one only loses it; its manifest would then name missing files, which
   * {@link #firstIntact} rejects.
   */
  public void deleteIncomplete(String runId) {
    Set<String> withManifest = new LinkedHashSet<>();
    Set<String> all = new LinkedHashSet<>();
    String checkpoints = phase.checkpoints(runId);
    for (String key : store.list(checkpoints)) {
      String dir = StoreLayout.checkpointUnder(checkpoints, key);
      all.add(dir);
      if (key.equals(dir + ArtifactManifest.FILE_NAME)) {
        withManifest.add(dir);
      }
    }
    all.removeAll(withManifest);
    for (String dir : all) {
      log.warn("deleting incomplete checkpoint {} (no manifest: an interrupted upload)", dir);
      store.deleteDirectory(dir);
    }
  }

  /**
   * Downloads the first of {@code candidates} that is complete and matches its hashes, skipping
   * (and logging) corrupt or partial ones.
   */
  public Optional<Loaded> firstIntact(Collection<String> candidates, Path workDir) {
    for (String key : candidates) {
      Path dir = workDir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
      try {
        store.downloadDirectory(key, dir);
        CheckpointState state =
            ObjectStore.readJson(dir.resolve(CheckpointState.FILE_NAME), CheckpointState.class);
        return Optional.of(new Loaded(key, dir, state));
      } catch (CorruptArtifactException e) {
        log.warn("skipping checkpoint {}: {}", key, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Downloads the checkpoint at {@code key}; throws when it is missing or corrupt. */
  public Loaded fetch(String key, Path workDir) {
    return firstIntact(List.of(key), workDir)
        .orElseThrow(
            () -> new IllegalStateException("checkpoint " + key + " is missing or corrupt"));
  }

  /**
   * Keeps the newest {@code keep} checkpoints, the best end-of-epoch one by validation loss, and
   * {@code protect} (the one just written and the one the last heartbeat pointed to); deletes the
   * rest, manifest first.
   */
  public void retain(String runId, int keep, Collection<String> protect) {
    List<StoredCheckpoint> all = complete(runId);
    String best =
        all.stream()
            .filter(c -> c.valLoss() != null)
            .min(Comparator.comparingDouble(StoredCheckpoint::valLoss))
            .map(StoredCheckpoint::key)
            .orElse(null);
    for (int i = keep; i < all.size(); i++) {
      String key = all.get(i).key();
      if (!key.equals(best) && !protect.contains(key)) {
        store.deleteDirectory(key);
      }
    }
  }

  private List<String> directories(String runId) {
    String checkpoints = phase.checkpoints(runId);
    return store.list(checkpoints).stream()
        .map(k -> StoreLayout.checkpointUnder(checkpoints, k))
        .distinct()
        .toList();
  }

  /** A checkpoint on local disk, verified against its manifest. */
  public record Loaded(String key, Path dir, CheckpointState state) {
    public Path modelDir() {
      return dir.resolve(MODEL_DIR);
    }

    public Path trainerDir() {
      return dir.resolve(TRAINER_DIR);
    }
  }
}
