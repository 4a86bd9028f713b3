package io.seqtune.chem.ingest;

import java.util.NoSuchElementException;

/** A row source that reads one row ahead, so hasNext() can tell the end without losing a row. */
abstract class LookaheadRowSource implements RowSource {
  private SourceRow pending;

  /** The next row, or null at the end. */
  abstract SourceRow read();

  /**
   * Hands back a row read before iteration starts (a JSONL file's first record, read to check its
   * fields).
   */
  void unread(SourceRow row) {
    pending = row;
  }

  @Override
  public final boolean hasNext() {
    if (pending == null) {
      pending = read();
    }
    return pending != null;
  }

  @Override
  public final SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourceRow row = pending;
    pending = null;
    return row;
  }
}
