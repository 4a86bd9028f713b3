package io.seqtune.workers.cli;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.SeqtuneWorker;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.TemporalSettings;
import io.seqtune.workers.metrics.MetricsServer;
import io.seqtune.workflows.Queues;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A worker process on its own, so workers can be started and killed independently of the stack. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Poll task queues on TEMPORAL_ADDRESS, storing artifacts at S3_ENDPOINT, until stopped.")
final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--queues",
      split = ",",
      defaultValue = "seqtune-pipeline,seqtune-gpu",
      description = "Task queues to poll (default ${DEFAULT-VALUE}).")
  List<String> queues;

  @Option(
      names = "--work-dir",
      defaultValue = ".seqtune/work",
      description = "Local scratch and cache directory.")
  Path workDir;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:METRICS_PORT}",
      description =
          "Prometheus port, 0 for none (default METRICS_PORT, else 9464 or, when that is taken,"
              + " e.g. by `seqtune dev up`, a free port; the start-up line names it).")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      defaultValue = "${env:METRICS_HOST:-127.0.0.1}",
      description = "Interface for /metrics (0.0.0.0 in containers).")
  String metricsHost;

  @Override
  public Integer call() throws InterruptedException {
    for (String q : queues) {
      if (!Queues.ALL.contains(q)) {
        throw new IllegalArgumentException("unknown task queue '" + q + "': use " + Queues.ALL);
      }
    }
    MetricsServer metrics = startMetrics();
    TemporalConnection temporal =
        TemporalConnection.connect(
            TemporalSettings.fromEnvironment(Cli.environment), MetricsServer.temporalScope());
    ObjectStore store = Cli.store();
    SeqtuneWorker worker =
        SeqtuneWorker.start(
            temporal.client(), new WorkerContext(store, workDir, MetricsServer.training()), queues);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  temporal.close();
                  store.close();
                  if (metrics != null) {
                    metrics.close();
                  }
                  stopped.countDown();
                }));
    System.out.println(
        "worker polling "
            + queues
            + " on "
            + temporal.settings().address()
            + ", store "
            + store.settings().endpoint()
            + (metrics == null ? "" : ", metrics :" + metrics.port()));
    stopped.await();
    return 0;
  }

  /** A port the user named is used or fails; the default falls back to a free one. */
  private MetricsServer startMetrics() {
    if (metricsPort != null) {
      return metricsPort == 0 ? null : MetricsServer.start(metricsHost, metricsPort);
    }
    try {
      return MetricsServer.start(metricsHost, MetricsServer.DEFAULT_PORT);
    } catch (UncheckedIOException taken) {
      return MetricsServer.start(metricsHost, 0);
    }
  }
}
