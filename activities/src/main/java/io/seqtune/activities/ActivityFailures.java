package io.seqtune.activities;

import io.temporal.failure.ApplicationFailure;

/**
 * The non-retryable failure types an activity raises for problems no retry can fix: a bad spec, a
 * missing base model, a dataset that fails validation. Everything else is retried with backoff.
 */
public final class ActivityFailures {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String MODEL_NOT_FOUND = "ModelNotFound";
  public static final String INVALID_DATASET = "InvalidDataset";
  public static final String[] NON_RETRYABLE = {INVALID_SPEC, MODEL_NOT_FOUND, INVALID_DATASET};

  private ActivityFailures() {}

  public static ApplicationFailure invalidSpec(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID_SPEC);
  }

  public static ApplicationFailure modelNotFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, MODEL_NOT_FOUND);
  }

  public static ApplicationFailure invalidDataset(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, INVALID_DATASET, cause);
  }
}
