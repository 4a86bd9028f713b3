package io.seqtune.activities.training;

import io.seqtune.activities.store.ArtifactManifest;
import io.seqtune.activities.store.CorruptArtifactException;
import io.seqtune.activities.store.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoints in the store, {@code runs/<runId>/checkpoints/step-<globalStep>/}: the model
 * directory under {@code model/}, optimizer and scheduler state under {@code trainer/}, and
 * {@link CheckpointState}; the manifest is written last, so only complete ones are ever listed.
 */
public final class Checkpoints {
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  public static final String MODEL_DIR = "model";
  public static final String TRAINER_DIR = "trainer";

  private final ObjectStore store;

  public Checkpoints(ObjectStore store) {
    this.store = store;
  }

  public static String runPrefix(String runId) {
    return "runs/" + runId + "/checkpoints/";
  }

  public static String key(String runId, long globalStep) {
    return runPrefix(runId) + String.format("step-%09d/", globalStep);
  }

  /** Uploads a local checkpoint directory; returns its key once its manifest is in place. */
  public String upload(String runId, CheckpointState state, Path dir) {
    String key = key(runId, state.globalStep());
    store.uploadDirectory(key, dir, Map.of(
        "epoch", state.epoch(), "global_step", state.globalStep(), "epoch_complete", state.epochComplete(),
        "val_loss", state.valLoss() == null ? "" : state.valLoss()));
    return key;
  }

  /** Complete checkpoints of a run, newest (highest step) first. */
  public List<String> complete(String runId) {
    List<String> keys = new ArrayList<>();
    for (String k : store.list(runPrefix(runId))) {
      if (k.endsWith("/" + ArtifactManifest.FILE_NAME)) {
        keys.add(k.substring(0, k.length() - ArtifactManifest.FILE_NAME.length()));
      }
    }
    keys.sort(Comparator.reverseOrder());
    return keys;
  }

  /**
   * Downloads the first of {@code candidates} that is complete and matches its hashes, skipping
   * (and logging) corrupt or partial ones.
   */
  public Optional<Loaded> firstIntact(List<String> candidates, Path workDir) {
    for (String key : candidates) {
      Path dir = workDir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
      try {
        store.downloadDirectory(key, dir);
        CheckpointState state = ObjectStore.readJson(dir.resolve(CheckpointState.FILE_NAME), CheckpointState.class);
        return Optional.of(new Loaded(key, dir, state));
      } catch (CorruptArtifactException e) {
        log.warn("skipping checkpoint {}: {}", key, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Keeps the newest {@code keep} checkpoints, the best end-of-epoch one by validation loss, and
   * {@code protect} (the one a heartbeat points to); deletes the rest, manifest first.
   */
  public void retain(String runId, int keep, String protect) {
    List<String> all = complete(runId);
    String best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (String key : all) {
      Object v = store.manifest(key).map(m -> m.meta().get("val_loss")).orElse("");
      if (v instanceof Number n && n.doubleValue() < bestLoss) {
        bestLoss = n.doubleValue();
        best = key;
      }
    }
    for (int i = keep; i < all.size(); i++) {
      String key = all.get(i);
      if (!key.equals(best) && !key.equals(protect)) {
        store.deleteDirectory(key);
      }
    }
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
