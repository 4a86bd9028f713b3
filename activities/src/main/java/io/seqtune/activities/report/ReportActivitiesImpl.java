package io.seqtune.activities.report;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.report.SweepReport;
import io.seqtune.core.report.SweepReportInput;
import io.seqtune.core.report.SweepReportWriter;

/** The {@code WriteSweepReport} activity: a {@link SweepReportWriter} on a worker. */
public final class ReportActivitiesImpl implements ReportActivities {
  private final WorkerContext context;

  public ReportActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public SweepReport writeSweepReport(SweepReportInput in) {
    return ActivityFailures.translated(
        () -> new SweepReportWriter(context).write(in, AttemptScratch.current(context)));
  }
}
