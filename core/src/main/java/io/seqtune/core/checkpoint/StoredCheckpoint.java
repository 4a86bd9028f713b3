package io.seqtune.core.checkpoint;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.StoreLayout;
import java.util.Map;

/**
 * A complete checkpoint as its manifest describes it, so resume and retention can choose among
 * checkpoints without downloading them, and run records can list them (size, weights hash) without
 * reading the manifest again. {@code specSha256} is null for checkpoints that predate it; {@code
 * weightsSha256} is null if the manifest names no weights file.
 */
public record StoredCheckpoint(
    String key,
    int epoch,
    long globalStep,
    boolean epochComplete,
    Double valLoss,
    String specSha256,
    long totalBytes,
    String weightsSha256) {

  static Map<String, Object> meta(CheckpointState state, String specSha256) {
    return Map.of(
        "epoch",
        state.epoch(),
        "global_step",
        state.globalStep(),
        "batches_done",
        state.batchesDone(),
        "epoch_complete",
        state.epochComplete(),
        "val_loss",
        state.valLoss() == null ? "" : state.valLoss(),
        "spec_sha256",
        specSha256);
  }

  static StoredCheckpoint of(String key, ArtifactManifest manifest) {
    Map<String, Object> meta = manifest.meta();
    ArtifactManifest.FileEntry weights = manifest.files().get(Checkpoints.WEIGHTS_FILE);
    return new StoredCheckpoint(
        key,
        meta.get("epoch") instanceof Number n ? n.intValue() : 0,
        StoreLayout.checkpointStep(key),
        Boolean.TRUE.equals(meta.get("epoch_complete")),
        meta.get("val_loss") instanceof Number n ? n.doubleValue() : null,
        meta.get("spec_sha256") instanceof String s ? s : null,
        manifest.totalBytes(),
        weights == null ? null : weights.sha256());
  }
}
