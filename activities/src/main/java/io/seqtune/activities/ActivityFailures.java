package io.seqtune.activities;

import io.seqtune.core.NonRetryableException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

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

  /**
   * What Temporal should see of a failure: a core {@link NonRetryableException} becomes a
   * non-retryable {@link ApplicationFailure} of its reason's type, with the same message and cause;
   * anything else stays as it is (and is retried).
   */
  public static RuntimeException translate(RuntimeException e) {
    if (e instanceof NonRetryableException n) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          n.getMessage(), n.reason().type(), n.getCause());
    }
    return e;
  }

  /** Runs an activity's work, {@linkplain #translate translating} what it throws. */
  public static <T> T translated(Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }
}
