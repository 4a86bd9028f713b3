package io.seqtune.core.store;

/** A stored artifact is incomplete (no manifest) or does not match its manifest's hashes. */
public final class CorruptArtifactException extends StoreException {
  public CorruptArtifactException(String message) {
    super(message);
  }
}
