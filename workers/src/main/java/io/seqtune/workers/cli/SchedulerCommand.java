package io.seqtune.workers.cli;

import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.schedule.RetrainingLauncher;
import io.seqtune.workers.schedule.Schedules;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seqtune scheduler}: the long-running process that fires retraining schedules on
 * TEMPORAL_ADDRESS.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = {
      "Fire the retraining schedules (`seqtune schedule`) until stopped.",
      "Schedules and their fire history survive restarts; `seqtune dev up` runs one too."
    })
final class SchedulerCommand implements Callable<Integer> {
  @Mixin ScheduleStoreOptions store;

  @Override
  public Integer call() throws InterruptedException {
    TemporalConnection temporal = Cli.temporal();
    Schedules schedules = store.open().startFiring(new RetrainingLauncher(temporal.client()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  schedules.close();
                  temporal.close();
                  stopped.countDown();
                }));
    System.out.println(
        "scheduler firing "
            + schedules.list().size()
            + " schedule(s) on "
            + temporal.settings().address());
    stopped.await();
    return 0;
  }
}
