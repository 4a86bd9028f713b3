package io.seqtune.workers;

/** A run id that neither Temporal nor the object store knows; the message is the whole answer. */
public final class NoSuchRunException extends RuntimeException {
  public NoSuchRunException(String runId) {
    super("no run named " + runId);
  }
}
