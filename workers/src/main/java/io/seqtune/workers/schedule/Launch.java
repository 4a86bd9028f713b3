package io.seqtune.workers.schedule;

/** What one fire of a schedule did. */
public record Launch(String workflowId, Outcome outcome, String detail) {
  public enum Outcome {
    STARTED,
    /** Temporal refused the id: this fire time already started a run (a double fire). */
    ALREADY_STARTED,
    /** The schedule's previous run is still going; runs of one schedule never overlap. */
    PREVIOUS_STILL_RUNNING
  }
}
