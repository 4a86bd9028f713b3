package io.seqtune.core.training;

/**
 * The attempt was cancelled or superseded, as its scheduler reported through a heartbeat; the cause
 * is the scheduler's own signal, which the adapter rethrows once a checkpoint is written.
 */
public final class TrainingStopped extends RuntimeException {
  public TrainingStopped(RuntimeException signal) {
    super(signal.getMessage(), signal);
  }

  /** The scheduler's own signal. */
  public RuntimeException signal() {
    return (RuntimeException) getCause();
  }
}
