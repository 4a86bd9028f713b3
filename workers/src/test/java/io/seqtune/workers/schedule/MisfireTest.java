package io.seqtune.workers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workers.stack.DevStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fire missed while no scheduler ran: FIRE_ONCE starts its run as soon as a scheduler is back,
 * SKIP waits for the next fire time. No worker runs here, so fired runs are started and just wait.
 */
class MisfireTest {
  @Test
  void aMissedFireRunsOnceOnRestartUnderFireOnceAndNotAtAllUnderSkip(@TempDir Path home)
      throws Exception {
    PipelineSpec spec =
        new ObjectMapper().readValue(ScheduledRetrainingTest.TINY_SPEC, PipelineSpec.class);
    Properties store = ScheduleDatabase.embedded(home);
    store.setProperty("org.quartz.jobStore.misfireThreshold", "1000"); // 60 s in production
    try (DevStack stack = DevStack.start(new DevStack.Options(0, 0, 0, home, List.of()))) {
      Instant due;
      try (Schedules editor = Schedules.open(store)) {
        // Due once a minute, at a second 3 s from now; nobody fires it then.
        due = Instant.now().plusSeconds(3);
        String cron = due.atZone(ZoneOffset.UTC).getSecond() + " * * * * ?";
        editor.add("catch-up", cron, "UTC", MisfirePolicy.FIRE_ONCE, spec);
        editor.add("skip", cron, "UTC", MisfirePolicy.SKIP, spec);
      }
      Thread.sleep(
          Math.max(
              0,
              Duration.between(Instant.now(), due.plusSeconds(3))
                  .toMillis())); // over a second late

      try (Schedules scheduler =
          Schedules.open(store).startFiring(new RetrainingLauncher(stack.connection().client()))) {
        String started = awaitLastRun(scheduler, "catch-up", Duration.ofSeconds(20));
        assertThat(started).startsWith("sched-catch-up-");
        assertThat(
                stack
                    .connection()
                    .client()
                    .fetchHistory(started)
                    .getHistory()
                    .getEvents(0)
                    .hasWorkflowExecutionStartedEventAttributes())
            .as("run %s started", started)
            .isTrue();

        ScheduleInfo skip = scheduler.get("skip");
        assertThat(skip.lastWorkflowId()).as("SKIP must not run the missed fire").isNull();
        assertThat(Instant.parse(skip.nextFireTime()))
            .isAfter(Instant.now())
            .isBefore(due.plusSeconds(61));
      }
    }
  }

  private static String awaitLastRun(Schedules scheduler, String name, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String id = scheduler.get(name).lastWorkflowId();
      if (id != null) {
        return id;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not fire within " + timeout);
  }
}
