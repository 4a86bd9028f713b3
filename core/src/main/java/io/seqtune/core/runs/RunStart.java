package io.seqtune.core.runs;

import java.util.List;

/**
 * What a (re)started run finds in its record: the epochs an earlier run of the same id and spec
 * finished ({@code finishedEpochs}, empty for a new run), and those of its pretraining stage
 * ({@code finishedPretraining}; null in records of runs begun before pretraining existed), from
 * which it carries on.
 */
public record RunStart(
    List<RunRecord.EpochEnd> finishedEpochs, List<RunRecord.EpochEnd> finishedPretraining) {

  /** A run that starts afresh. */
  public static RunStart fresh() {
    return new RunStart(List.of(), List.of());
  }

  public boolean resumed() {
    return !finishedEpochs.isEmpty() || !pretrainingEpochs().isEmpty();
  }

  /** The finished pretraining epochs, empty where none are known. */
  public List<RunRecord.EpochEnd> pretrainingEpochs() {
    return finishedPretraining == null ? List.of() : finishedPretraining;
  }
}
