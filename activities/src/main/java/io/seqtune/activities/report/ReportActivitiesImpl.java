package io.seqtune.activities.report;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.report.SweepReport;
import io.seqtune.core.report.SweepReportInput;
import io.seqtune.core.report.SweepReportWriter;
import java.nio.file.Path;
import java.util.UUID;

/** The {@code WriteSweepReport} activity: a {@link SweepReportWriter} on a worker. */
public final class ReportActivitiesImpl implements ReportActivities {
  private final WorkerContext context;

  public ReportActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public SweepReport writeSweepReport(SweepReportInput in) {
    Path work = context.scratch("reports", in.sweepId() + "-" + UUID.randomUUID());
    try {
      return new SweepReportWriter(context).write(in, work);
    } catch (RuntimeException e) {
      throw ActivityFailures.translate(e);
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }
}
