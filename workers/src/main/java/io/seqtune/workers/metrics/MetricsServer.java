package io.seqtune.workers.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.seqtune.core.TrainingMetrics;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One {@code /metrics} endpoint on 127.0.0.1 (or all interfaces in a container) for everything a
 * worker process measures: seqtune's training metrics, the JVM's, and the Temporal SDK's (through
 * Micrometer, into the same registry).
 */
public final class MetricsServer implements AutoCloseable {
  /** The port a worker serves on unless told otherwise ({@code METRICS_PORT}). */
  public static final int DEFAULT_PORT = 9464;

  private static final PrometheusRegistry REGISTRY = PrometheusRegistry.defaultRegistry;
  private static final TrainingMetrics TRAINING = new TrainingMetrics(REGISTRY);
  private static final Scope TEMPORAL_SCOPE =
      new RootScopeBuilder()
          .reporter(
              new MicrometerClientStatsReporter(
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, REGISTRY, Clock.SYSTEM)))
          .reportEvery(Duration.ofSeconds(1));

  static {
    JvmMetrics.builder().register(REGISTRY);
  }

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /** Serves the process's metrics on {@code host:port}; port 0 picks a free one. */
  public static MetricsServer start(String host, int port) {
    try {
      return new MetricsServer(
          HTTPServer.builder().hostname(host).port(port).registry(REGISTRY).buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The process-wide training metrics, exported by every server of this process. */
  public static TrainingMetrics training() {
    return TRAINING;
  }

  /** The Temporal SDK's metrics scope, reported into the same registry. */
  public static Scope temporalScope() {
    return TEMPORAL_SCOPE;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
