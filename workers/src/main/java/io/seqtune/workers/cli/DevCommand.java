package io.seqtune.workers.cli;

import io.seqtune.console.ConsoleServer;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.RunResumer;
import io.seqtune.workers.schedule.RetrainingLauncher;
import io.seqtune.workers.schedule.ScheduleDatabase;
import io.seqtune.workers.schedule.Schedules;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqtune dev up}: the embedded stack in the foreground until Ctrl-C. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "The embedded development stack.",
    subcommands = DevCommand.Up.class)
final class DevCommand {

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Run Temporal's server, an S3 server, a worker, the retraining scheduler, the metrics endpoint and the web console on 127.0.0.1 until Ctrl-C.",
        "Objects and run records are kept under <home>/s3; workflow state lives in memory only,"
            + " so runs that were in flight when the stack stopped are started again from their"
            + " records (and carry on from their checkpoints) when it starts."
      })
  static final class Up implements Callable<Integer> {
    @Option(
        names = "--temporal-port",
        defaultValue = "7233",
        description = "Temporal gRPC port (default ${DEFAULT-VALUE}).")
    int temporalPort;

    @Option(
        names = "--s3-port",
        defaultValue = "9000",
        description = "S3 API port (default ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(
        names = "--metrics-port",
        defaultValue = "9464",
        description = "Prometheus /metrics port (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
        names = "--console-port",
        defaultValue = "" + ConsoleCommand.DEFAULT_PORT,
        description = "Web console port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int consolePort;

    @Option(
        names = "--home",
        defaultValue = ".seqtune",
        description = "Local state directory (default ${DEFAULT-VALUE}).")
    Path home;

    @Option(
        names = "--no-worker",
        description = "Start no worker: run `seqtune worker` processes yourself.")
    boolean noWorker;

    @Override
    public Integer call() throws InterruptedException {
      DevStack stack =
          DevStack.start(
              new DevStack.Options(
                  temporalPort, s3Port, metricsPort, home, noWorker ? List.of() : Queues.ALL));
      Schedules schedules =
          Schedules.open(ScheduleDatabase.embedded(home))
              .startFiring(new RetrainingLauncher(stack.connection().client()));
      ObjectStore consoleStore = new ObjectStore(stack.store());
      ConsoleServer console =
          ConsoleCommand.serve(
              consolePort, consoleStore, stack.connection(), ConsoleCommand.schedules(schedules));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    console.close();
                    consoleStore.close();
                    schedules.close();
                    stack.close();
                    stopped.countDown();
                  }));
      System.out.println("seqtune dev stack is up (Ctrl-C stops it):");
      System.out.println(
          "  Temporal   "
              + stack.temporal().address()
              + "   (TEMPORAL_ADDRESS, namespace default)");
      System.out.println(
          "  S3         "
              + stack.store().endpoint()
              + "   bucket "
              + stack.store().bucket()
              + ", files under "
              + home.resolve("s3").toAbsolutePath());
      System.out.println("  metrics    http://127.0.0.1:" + stack.metricsPort() + "/metrics");
      System.out.println(
          "  worker     " + (noWorker ? "none (--no-worker)" : "polling " + Queues.ALL));
      System.out.println(
          "  scheduler  "
              + schedules.list().size()
              + " schedule(s) in "
              + home.resolve("schedules").toAbsolutePath()
              + "   (seqtune schedule add|list|...)");
      System.out.println("  " + console.banner());
      if (!noWorker) {
        resumeInterrupted(stack);
      }
      System.out.println("Try: seqtune run --spec <(seqtune spec --tiny) --wait");
      stopped.await();
      return 0;
    }

    /** Runs the last dev stack was running when it died carry on from their checkpoints. */
    private static void resumeInterrupted(DevStack stack) {
      try (ObjectStore store = new ObjectStore(stack.store())) {
        List<RunRecord> resumed =
            new RunResumer(stack.connection(), new RunRecords(store)).resumeInterrupted();
        System.out.println(
            "  resumed    "
                + (resumed.isEmpty()
                    ? "no interrupted runs"
                    : resumed.stream().map(RunRecord::runId).toList()
                        + " (interrupted; carrying on from their checkpoints)"));
      }
    }
  }
}
