package io.seqtune.core.training;

import java.util.function.Supplier;

/**
 * How a training attempt tells its scheduler it is alive, and learns that it should stop. Between
 * steps the trainer beats with fresh progress; around long blocking work (downloads, loading the
 * model, uploading a checkpoint) {@link #during} keeps the attempt alive.
 */
public interface TrainingHeartbeat {
  /**
   * Sends {@code progress}; throws {@link TrainingStopped} when the attempt was cancelled or is no
   * longer the current one.
   */
  void beat(TrainingProgress progress);

  /** Runs {@code work} while re-sending the latest progress. */
  <T> T during(Supplier<T> work);

  /** Throws {@link TrainingStopped} when a heartbeat sent by {@link #during} learned of a stop. */
  void throwIfStopped();
}
