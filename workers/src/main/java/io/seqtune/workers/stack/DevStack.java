package io.seqtune.workers.stack;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.devstack.EmbeddedS3Server;
import io.seqtune.devstack.EmbeddedTemporalServer;
import io.seqtune.workers.SeqtuneWorker;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.TemporalSettings;
import io.seqtune.workers.metrics.MetricsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole stack on one machine, every server on 127.0.0.1: Temporal's in-memory server, an S3
 * server keeping objects under {@code <home>/s3}, the metrics endpoint, and (optionally) a worker
 * polling every queue. Closing stops everything it started, in reverse order.
 */
public final class DevStack implements AutoCloseable {
  private final List<AutoCloseable> started = new ArrayList<>();
  private TemporalSettings temporal;
  private StoreSettings store;
  private MetricsServer metrics;
  private TemporalConnection connection;

  /**
   * {@code s3AccessKey}/{@code s3SecretKey}: the S3 server's credentials, the dev pair unless
   * given.
   */
  public record Options(
      int temporalPort,
      int s3Port,
      int metricsPort,
      Path home,
      Collection<String> workerQueues,
      String s3AccessKey,
      String s3SecretKey) {
    public Options(
        int temporalPort, int s3Port, int metricsPort, Path home, Collection<String> workerQueues) {
      this(
          temporalPort,
          s3Port,
          metricsPort,
          home,
          workerQueues,
          StoreSettings.DEV_ACCESS_KEY,
          StoreSettings.DEV_SECRET_KEY);
    }
  }

  public static DevStack start(Options o) {
    DevStack stack = new DevStack();
    try {
      EmbeddedTemporalServer temporalServer =
          stack.track(EmbeddedTemporalServer.start(o.temporalPort()));
      stack.temporal =
          TemporalSettings.fromEnvironment(Map.of()).withAddress(temporalServer.address());
      EmbeddedS3Server s3 =
          stack.track(
              EmbeddedS3Server.start(
                  o.s3Port(), o.home().resolve("s3"), o.s3AccessKey(), o.s3SecretKey()));
      stack.store =
          new StoreSettings(
              s3.endpoint(), o.s3AccessKey(), o.s3SecretKey(), StoreSettings.DEFAULT_BUCKET);
      stack.metrics = stack.track(MetricsServer.start("127.0.0.1", o.metricsPort()));
      stack.connection =
          stack.track(TemporalConnection.connect(stack.temporal, MetricsServer.temporalScope()));
      if (!o.workerQueues().isEmpty()) {
        ObjectStore objectStore = stack.track(new ObjectStore(stack.store).ensureBucket());
        WorkerContext context =
            new WorkerContext(objectStore, o.home().resolve("work"), MetricsServer.training());
        stack.track(SeqtuneWorker.start(stack.connection.client(), context, o.workerQueues()));
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.add(resource);
    return resource;
  }

  public TemporalSettings temporal() {
    return temporal;
  }

  public StoreSettings store() {
    return store;
  }

  /**
   * The environment a CLI command or worker process reads to reach this stack: {@code
   * TEMPORAL_ADDRESS} and the {@code S3_*} variables.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(store.environment());
    env.put("TEMPORAL_ADDRESS", temporal.address());
    return Map.copyOf(env);
  }

  public TemporalConnection connection() {
    return connection;
  }

  public int metricsPort() {
    return metrics.port();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println(
            "warning: could not stop "
                + started.get(i).getClass().getSimpleName()
                + ": "
                + e.getMessage());
      }
    }
    started.clear();
  }
}
