package io.seqtune.workflows.sweep;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.report.ReportActivities;
import io.seqtune.core.report.CellOutcome;
import io.seqtune.core.report.GridCell;
import io.seqtune.core.report.SweepReport;
import io.seqtune.core.report.SweepReportInput;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

public class SweepImpl implements Sweep {

  private final ReportActivities reports =
      Workflow.newActivityStub(
          ReportActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(Queues.PIPELINE)
              .setStartToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(10).build())
              .build());

  private String sweepId;
  private int cellCount;
  private int running;
  private final List<CellOutcome> finished = new ArrayList<>();

  @Override
  public SweepResult run(SweepSpec requested) {
    SweepSpec spec = validated(requested);
    List<SweepCell> cells = spec.cells(sweepId);
    cellCount = cells.size();
    for (SweepCell cell : cells) {
      Workflow.await(() -> running < spec.concurrency());
      running++;
      FineTunePipeline pipeline =
          Workflow.newChildWorkflowStub(
              FineTunePipeline.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(cell.cell().workflowId())
                  .setTaskQueue(Queues.PIPELINE)
                  // Cancelling the sweep cancels its cells, which lets a running epoch write its
                  // checkpoint.
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      Async.function(pipeline::run, cell.spec())
          .handle(
              (result, failure) -> {
                finished.add(
                    failure == null
                        ? completed(cell.cell(), result)
                        : failed(cell.cell(), failure));
                running--;
                return null;
              });
    }
    Workflow.await(() -> finished.size() == cellCount);
    List<CellOutcome> outcomes = inGridOrder(cells);
    SweepReport report =
        reports.writeSweepReport(
            new SweepReportInput(
                sweepId, spec.base().withDefaults().task(), spec.metric(), outcomes));
    int completed = (int) outcomes.stream().filter(CellOutcome::completed).count();
    return new SweepResult(sweepId, completed, outcomes.size() - completed, outcomes, report);
  }

  /** A spec that cannot run fails the sweep at once, before any cell starts. */
  private SweepSpec validated(SweepSpec requested) {
    if (requested == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no sweep spec given", ActivityFailures.INVALID_SPEC);
    }
    sweepId =
        requested.sweepId() != null ? requested.sweepId() : Workflow.getInfo().getWorkflowId();
    try {
      return requested.withSweepId(sweepId).withDefaults().validate();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), ActivityFailures.INVALID_SPEC);
    }
  }

  private static CellOutcome completed(GridCell cell, PipelineResult r) {
    Double lastLoss = r.trainLoss().isEmpty() ? null : r.trainLoss().get(r.trainLoss().size() - 1);
    return new CellOutcome(cell, true, r.metrics(), lastLoss, r.modelVersion(), null);
  }

  private static CellOutcome failed(GridCell cell, Throwable failure) {
    return new CellOutcome(cell, false, Map.of(), null, null, rootMessage(failure));
  }

  /** The innermost message: a child's failure wraps the activity's, which says what went wrong. */
  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root instanceof ApplicationFailure af ? af.getOriginalMessage() : root.getMessage();
  }

  private List<CellOutcome> inGridOrder(List<SweepCell> cells) {
    List<GridCell> order = cells.stream().map(SweepCell::cell).toList();
    return finished.stream().sorted(Comparator.comparingInt(c -> order.indexOf(c.cell()))).toList();
  }

  @Override
  public SweepProgress progress() {
    return new SweepProgress(sweepId, cellCount, running, List.copyOf(finished));
  }
}
