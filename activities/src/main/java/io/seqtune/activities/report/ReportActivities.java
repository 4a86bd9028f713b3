package io.seqtune.activities.report;

import io.seqtune.core.report.SweepReport;
import io.seqtune.core.report.SweepReportInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Turns a finished sweep into a results table (CSV, Markdown) and PNG plots in the object store.
 */
@ActivityInterface
public interface ReportActivities {
  @ActivityMethod(name = "WriteSweepReport")
  SweepReport writeSweepReport(SweepReportInput input);
}
