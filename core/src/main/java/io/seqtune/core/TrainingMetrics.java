package io.seqtune.core;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;

/** The Prometheus metrics a worker's activities report, by run (names in docs/architecture.md). */
public final class TrainingMetrics {
  private final Gauge loss;
  private final Gauge tokensPerSecond;
  private final Histogram stepSeconds;
  private final Gauge epoch;
  private final Gauge step;
  private final Gauge evalMetric;
  private final Counter checkpointBytes;
  private final Histogram checkpointUploadSeconds;
  private final Counter attempts;
  private final Counter failures;

  public TrainingMetrics(PrometheusRegistry registry) {
    loss =
        Gauge.builder()
            .name("seqtune_train_loss")
            .help("training loss of the latest step")
            .labelNames("run_id")
            .register(registry);
    tokensPerSecond =
        Gauge.builder()
            .name("seqtune_train_tokens_per_second")
            .help("training throughput")
            .labelNames("run_id")
            .register(registry);
    stepSeconds =
        Histogram.builder()
            .name("seqtune_train_step_seconds")
            .help("wall time of one optimizer step")
            .labelNames("run_id")
            .register(registry);
    epoch =
        Gauge.builder()
            .name("seqtune_train_epoch")
            .help("epoch being trained")
            .labelNames("run_id")
            .register(registry);
    step =
        Gauge.builder()
            .name("seqtune_train_step")
            .help("optimizer steps taken")
            .labelNames("run_id")
            .register(registry);
    evalMetric =
        Gauge.builder()
            .name("seqtune_eval_metric")
            .help("evaluation metrics of the latest evaluation")
            .labelNames("run_id", "metric")
            .register(registry);
    checkpointBytes =
        Counter.builder()
            .name("seqtune_checkpoint_bytes_total")
            .help("bytes of checkpoints uploaded")
            .labelNames("run_id")
            .register(registry);
    checkpointUploadSeconds =
        Histogram.builder()
            .name("seqtune_checkpoint_upload_seconds")
            .help("time to upload one checkpoint")
            .labelNames("run_id")
            .register(registry);
    attempts =
        Counter.builder()
            .name("seqtune_activity_attempts_total")
            .help("activity attempts started")
            .labelNames("activity")
            .register(registry);
    failures =
        Counter.builder()
            .name("seqtune_activity_failures_total")
            .help("activity attempts that failed")
            .labelNames("activity")
            .register(registry);
  }

  /** Metrics into a private registry: for tools and tests that export nothing. */
  public static TrainingMetrics unexported() {
    return new TrainingMetrics(new PrometheusRegistry());
  }

  public void step(
      String runId,
      int epochNumber,
      long globalStep,
      double stepLoss,
      double seconds,
      double tokensPerS) {
    loss.labelValues(runId).set(stepLoss);
    epoch.labelValues(runId).set(epochNumber);
    step.labelValues(runId).set(globalStep);
    stepSeconds.labelValues(runId).observe(seconds);
    tokensPerSecond.labelValues(runId).set(tokensPerS);
  }

  public void checkpoint(String runId, long bytes, double seconds) {
    checkpointBytes.labelValues(runId).inc(bytes);
    checkpointUploadSeconds.labelValues(runId).observe(seconds);
  }

  public void evaluation(String runId, Map<String, Double> metrics) {
    metrics.forEach((name, value) -> evalMetric.labelValues(runId, name).set(value));
  }

  public void attempt(String activity) {
    attempts.labelValues(activity).inc();
  }

  public void failure(String activity) {
    failures.labelValues(activity).inc();
  }
}
