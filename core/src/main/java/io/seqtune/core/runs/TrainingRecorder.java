package io.seqtune.core.runs;

import io.seqtune.core.checkpoint.Phase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a training attempt's progress into its run record at every checkpoint: the train-curve
 * points since the last one, the newest step, loss and speed. A record that cannot be written is
 * logged and skipped: the record reports training, it never stops it.
 */
public final class TrainingRecorder {
  private static final Logger log = LoggerFactory.getLogger(TrainingRecorder.class);

  private final RunRecords records;
  private final String runId;
  private final Phase phase;
  private final long totalSteps;
  private final List<double[]> points = new ArrayList<>();
  private double loss = Double.NaN;
  private double tokensPerSecond;

  public TrainingRecorder(RunRecords records, String runId, Phase phase, long totalSteps) {
    this.records = records;
    this.runId = runId;
    this.phase = phase;
    this.totalSteps = totalSteps;
  }

  /** A retried attempt of the epoch began: the record's current stage counts it. */
  public void attempt(int attempt) {
    try {
      records.attempt(runId, attempt);
    } catch (RuntimeException e) {
      log.warn("run {}: could not record attempt {}: {}", runId, attempt, e.toString());
    }
  }

  /** One optimizer step's loss and the attempt's speed so far. */
  public void step(long step, double stepLoss, double tokensPerS) {
    points.add(new double[] {step, stepLoss});
    loss = stepLoss;
    tokensPerSecond = tokensPerS;
  }

  /** A checkpoint at {@code step} of {@code epoch} is stored. */
  public void checkpoint(int epoch, long step) {
    try {
      records.trained(
          runId,
          phase,
          new TrainingPoint(epoch, step, totalSteps, loss, tokensPerSecond),
          List.copyOf(points));
      points.clear();
    } catch (RuntimeException e) {
      log.warn("run {}: could not update the run record at step {}: {}", runId, step, e.toString());
    }
  }
}
