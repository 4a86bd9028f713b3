package io.seqtune.workers.reliability;

import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.devstack.EmbeddedS3Server;
import io.seqtune.devstack.EmbeddedTemporalServer;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.TemporalSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The servers of a fault test, in the test JVM on free loopback ports: Temporal's server and an S3
 * server that can be stopped and started again on the same port and data directory. Workers run as
 * separate processes ({@link WorkerProcess}) pointed here by {@link #workerEnvironment()}.
 */
final class FaultStack implements AutoCloseable {
  private final Path home;
  private final EmbeddedTemporalServer temporal;
  private final TemporalConnection connection;
  private final int s3Port;
  private EmbeddedS3Server s3;
  private final ObjectStore store;

  private FaultStack(Path home) {
    this.home = home;
    this.temporal = EmbeddedTemporalServer.start(0);
    this.connection =
        TemporalConnection.connect(
            TemporalSettings.fromEnvironment(Map.of()).withAddress(temporal.address()));
    this.s3 = startS3(0);
    this.s3Port = s3.port();
    this.store = new ObjectStore(storeSettings()).ensureBucket();
  }

  static FaultStack start(Path home) {
    return new FaultStack(home);
  }

  private EmbeddedS3Server startS3(int port) {
    return EmbeddedS3Server.start(
        port, s3DataDir(), StoreSettings.DEV_ACCESS_KEY, StoreSettings.DEV_SECRET_KEY);
  }

  /** Where the S3 server keeps the bucket's objects as files (one directory per key segment). */
  Path s3DataDir() {
    return home.resolve("s3");
  }

  Path bucketDir() {
    return s3DataDir().resolve(StoreSettings.DEFAULT_BUCKET);
  }

  void stopS3() {
    s3.close();
    s3 = null;
  }

  /** Same port, same data directory: clients configured before the outage reconnect unchanged. */
  void restartS3() {
    s3 = startS3(s3Port);
  }

  StoreSettings storeSettings() {
    return new StoreSettings(
        "http://127.0.0.1:" + s3Port,
        StoreSettings.DEV_ACCESS_KEY,
        StoreSettings.DEV_SECRET_KEY,
        StoreSettings.DEFAULT_BUCKET);
  }

  Map<String, String> workerEnvironment() {
    Map<String, String> env = new HashMap<>(storeSettings().environment());
    env.put("TEMPORAL_ADDRESS", temporal.address());
    return env;
  }

  Path home() {
    return home;
  }

  TemporalConnection connection() {
    return connection;
  }

  ObjectStore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    connection.close();
    if (s3 != null) {
      s3.close();
    }
    temporal.close();
  }
}
