package io.seqtune.core.checkpoint;

import io.seqtune.core.store.StoreLayout;
import java.util.Map;

/**
 * A complete checkpoint as its manifest describes it, so resume and retention can choose among
 * checkpoints without downloading them. {@code specSha256} is null for checkpoints that predate it.
 */
public record StoredCheckpoint(
    String key,
    int epoch,
    long globalStep,
    boolean epochComplete,
    Double valLoss,
    String specSha256) {

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

  static StoredCheckpoint of(String key, Map<String, Object> meta) {
    return new StoredCheckpoint(
        key,
        meta.get("epoch") instanceof Number n ? n.intValue() : 0,
        StoreLayout.checkpointStep(key),
        Boolean.TRUE.equals(meta.get("epoch_complete")),
        meta.get("val_loss") instanceof Number n ? n.doubleValue() : null,
        meta.get("spec_sha256") instanceof String s ? s : null);
  }
}
