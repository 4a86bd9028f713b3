package io.seqtune.workers.cli;

import io.seqtune.console.ConsoleOptions;
import io.seqtune.console.ConsoleServer;
import io.seqtune.console.LiveStatus;
import io.seqtune.console.ScheduleSource;
import io.seqtune.console.ScheduleView;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.RunStatus;
import io.seqtune.workers.RunWatcher;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.schedule.Schedules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seqtune console}: the read-only web console against S3_ENDPOINT and TEMPORAL_ADDRESS (a
 * cluster, or a dev stack started elsewhere). {@code dev up} and {@code demo} serve the same.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the read-only web console: runs with live loss curves, evaluations with molecule",
      "pictures, models, schedules and sweeps, from S3_ENDPOINT (live progress from TEMPORAL_ADDRESS).",
      "Binds 127.0.0.1; another --host needs SEQTUNE_CONSOLE_TOKEN. TEMPORAL_UI_URL adds links to",
      "the Temporal web UI."
    })
final class ConsoleCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8088;

  @Option(
      names = "--host",
      defaultValue = ConsoleOptions.LOOPBACK,
      description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Mixin ScheduleStoreOptions scheduleStore;

  @Override
  public Integer call() throws InterruptedException {
    ConsoleOptions options = ConsoleOptions.of(host, port, Cli.environment);
    ObjectStore store = Cli.store();
    // The store is the console's source; Temporal and the schedule store only add to it, so the
    // console serves without them, saying what is missing.
    Optional<TemporalConnection> temporal = optional("live progress", Cli::temporal);
    Optional<Schedules> schedules = optional("schedules", scheduleStore::open);
    ConsoleServer console =
        ConsoleServer.start(
            options,
            store,
            temporal.map(ConsoleCommand::live).orElse(LiveStatus.NONE),
            schedules.map(ConsoleCommand::schedules).orElse(ScheduleSource.NONE));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  console.close();
                  schedules.ifPresent(Schedules::close);
                  temporal.ifPresent(TemporalConnection::close);
                  store.close();
                  stopped.countDown();
                }));
    System.out.println(console.banner());
    stopped.await();
    return 0;
  }

  private static <T> Optional<T> optional(String what, Supplier<T> open) {
    try {
      return Optional.of(open.get());
    } catch (RuntimeException e) {
      System.err.println("console: no " + what + ": " + Cli.describe(e));
      return Optional.empty();
    }
  }

  /** Starts the console beside a stack this process runs. */
  static ConsoleServer serve(
      int port, ObjectStore store, TemporalConnection temporal, ScheduleSource schedules) {
    return ConsoleServer.start(
        ConsoleOptions.of(ConsoleOptions.LOOPBACK, port, Cli.environment),
        store,
        live(temporal),
        schedules);
  }

  /** A running run's workflow state, progress query and heartbeat, as run-record fields. */
  static LiveStatus live(TemporalConnection temporal) {
    // The console reads the run record itself; the watcher adds what Temporal knows now.
    RunWatcher watcher = new RunWatcher(temporal, id -> Optional.empty());
    return runId -> {
      RunStatus s;
      try {
        s = watcher.status(runId);
      } catch (RuntimeException e) {
        return Optional.empty(); // not on this server (a record from another cluster, or gone)
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", s.status());
      m.put("stage", s.stage());
      m.put("epoch", s.epoch());
      m.put("epochs", s.epochs());
      m.put("step", s.step());
      m.put("loss", s.loss());
      m.put("tokensPerSecond", s.tokensPerSecond());
      m.put("modelVersion", s.modelVersion());
      m.put("champion", s.champion());
      m.put("error", s.failure());
      return Optional.of(m);
    };
  }

  static ScheduleSource schedules(Schedules schedules) {
    return () ->
        schedules.list().stream()
            .map(
                s ->
                    new ScheduleView(
                        s.name(),
                        s.cron(),
                        s.timeZone(),
                        s.state(),
                        s.nextFireTime(),
                        s.previousFireTime(),
                        s.lastWorkflowId()))
            .toList();
  }
}
