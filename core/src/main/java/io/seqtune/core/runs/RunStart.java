package io.seqtune.core.runs;

import java.util.List;

/**
 * What a (re)started run finds in its record: the epochs an earlier run of the same id and spec
 * finished ({@code finishedEpochs}, empty for a new run), from which it carries on.
 */
public record RunStart(List<RunRecord.EpochEnd> finishedEpochs) {
  public boolean resumed() {
    return !finishedEpochs.isEmpty();
  }
}
