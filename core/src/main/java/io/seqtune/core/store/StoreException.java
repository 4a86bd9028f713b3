package io.seqtune.core.store;

/** The object store failed or could not be reached; the message names the endpoint and the key. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
