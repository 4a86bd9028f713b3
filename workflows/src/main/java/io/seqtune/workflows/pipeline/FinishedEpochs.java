package io.seqtune.workflows.pipeline;

import io.seqtune.core.runs.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The epochs an earlier run of the same id and spec finished, as its record lists them: the
 * contiguous ones from epoch 1 (a gap ends them), with each one's checkpoint key and losses (NaN
 * where the record has none). What both the fine-tuning and the pretraining carry resume from.
 */
record FinishedEpochs(
    long step, List<String> checkpoints, List<Double> trainLoss, List<Double> valLoss) {

  static FinishedEpochs of(List<RunRecord.EpochEnd> finished) {
    List<RunRecord.EpochEnd> done = new ArrayList<>();
    List<RunRecord.EpochEnd> byEpoch = new ArrayList<>(finished);
    byEpoch.sort(Comparator.comparingInt(RunRecord.EpochEnd::epoch));
    for (RunRecord.EpochEnd e : byEpoch) {
      if (e.epoch() == done.size() + 1) {
        done.add(e);
      }
    }
    return new FinishedEpochs(
        done.isEmpty() ? 0 : done.get(done.size() - 1).step(),
        done.stream().map(RunRecord.EpochEnd::checkpoint).toList(),
        done.stream().map(e -> nanIfNull(e.trainLoss())).toList(),
        done.stream().map(e -> nanIfNull(e.valLoss())).toList());
  }

  private static double nanIfNull(Double d) {
    return d == null ? Double.NaN : d;
  }
}
