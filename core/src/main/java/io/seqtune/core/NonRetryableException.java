package io.seqtune.core;

/**
 * A problem no retry can fix: a bad spec, a missing base model, a dataset that fails validation.
 * The Temporal adapters turn it into a non-retryable failure of type {@link Reason#type()};
 * anything else an activity throws is retried with backoff.
 */
public final class NonRetryableException extends RuntimeException {

  /** Why the work cannot succeed, with the failure type Temporal reports. */
  public enum Reason {
    INVALID_SPEC("InvalidSpec"),
    MODEL_NOT_FOUND("ModelNotFound"),
    INVALID_DATASET("InvalidDataset");

    private final String type;

    Reason(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  private final Reason reason;

  private NonRetryableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public static NonRetryableException invalidSpec(String message) {
    return new NonRetryableException(Reason.INVALID_SPEC, message, null);
  }

  public static NonRetryableException modelNotFound(String message) {
    return new NonRetryableException(Reason.MODEL_NOT_FOUND, message, null);
  }

  public static NonRetryableException invalidDataset(String message, Throwable cause) {
    return new NonRetryableException(Reason.INVALID_DATASET, message, cause);
  }

  public Reason reason() {
    return reason;
  }
}
