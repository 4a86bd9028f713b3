package io.seqtune.core.checkpoint;

import io.seqtune.core.store.StoreLayout;

/**
 * A phase of a run that trains the model and keeps checkpoints: the optional pretraining on
 * unpaired text, then fine-tuning on the task's pairs. Each keeps its checkpoints under its own
 * prefix and its progress in its own part of the run record; {@link #stage()} is the run's stage
 * while it trains.
 */
public enum Phase {
  PRETRAINING("pretraining"),
  FINE_TUNING("training");

  private final String stage;

  Phase(String stage) {
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }

  /** {@code runs/<runId>/checkpoints/} or {@code runs/<runId>/pretraining/checkpoints/}. */
  public String checkpoints(String runId) {
    return this == FINE_TUNING
        ? StoreLayout.checkpoints(runId)
        : StoreLayout.pretrainingCheckpoints(runId);
  }
}
