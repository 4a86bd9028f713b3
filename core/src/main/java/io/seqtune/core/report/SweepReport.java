package io.seqtune.core.report;

import io.seqtune.core.store.StoreLayout;
import java.util.List;

/** Where a sweep's results table and plots are stored: {@code sweeps/<sweepId>/...}. */
public record SweepReport(String prefix, List<String> keys) {

  public static String prefix(String sweepId) {
    return StoreLayout.sweep(sweepId);
  }
}
