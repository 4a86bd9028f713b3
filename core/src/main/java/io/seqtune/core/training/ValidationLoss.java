package io.seqtune.core.training;

import io.seqtune.model.Batch;
import io.seqtune.model.Trainer;

/**
 * The validation loss of an epoch: cross-entropy averaged over every response token of the split,
 * whatever the batching. Each batch's mean is weighted by the tokens it covers, so a short last
 * batch counts for what it holds rather than as much as a full one.
 */
final class ValidationLoss {
  private ValidationLoss() {}

  /** Mean loss per label token over {@code batches}; NaN when they cover no token. */
  static double of(Trainer trainer, Iterable<Batch> batches) {
    double weighted = 0;
    long tokens = 0;
    for (Batch batch : batches) {
      int n = batch.lossTokenCount();
      if (n > 0) {
        weighted += trainer.evalLoss(batch) * n;
        tokens += n;
      }
    }
    return tokens == 0 ? Double.NaN : weighted / tokens;
  }
}
