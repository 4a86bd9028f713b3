package io.seqtune.workers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schedule fired on the real stack: the run it starts, and the fires Temporal refuses. */
class ScheduledRetrainingTest {
  static final String TINY_SPEC =
      """
      {"task":"smiles2iupac","data":{"size":60,"seed":3},
       "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
       "train":{"epochs":1,"batchSize":16,"learningRate":0.003,"warmupSteps":2},
       "eval":{"maxExamples":2,"maxNewTokens":20}}""";

  @TempDir static Path home;
  static DevStack stack;
  static WorkflowClient client;

  @BeforeAll
  static void start() {
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
    client = stack.connection().client();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void triggerStartsOneRunPerFireTimeAndNeverOverlapsRuns() throws Exception {
    PipelineSpec spec = new ObjectMapper().readValue(TINY_SPEC, PipelineSpec.class);
    RetrainingLauncher launcher = new RetrainingLauncher(client);
    try (Schedules editor = Schedules.open(ScheduleDatabase.embedded(home))) {
      editor.add(
          "nightly",
          "0 0 3 1 1 ? 2099",
          null,
          MisfirePolicy.FIRE_ONCE,
          spec); // never due during the test
    }
    String workflowId;
    try (Schedules scheduler =
        Schedules.open(ScheduleDatabase.embedded(home)).startFiring(launcher)) {
      Instant before = Instant.now();
      scheduler.trigger("nightly");
      workflowId = awaitLastRun(scheduler);
      assertThat(workflowId).matches("sched-nightly-\\d{13}");
      Instant fireTime =
          Instant.ofEpochMilli(Long.parseLong(workflowId.substring("sched-nightly-".length())));
      assertThat(fireTime).isBetween(before.minusSeconds(1), Instant.now());

      // While it runs, a later fire is skipped: one schedule's runs never overlap.
      Launch overlapping = launcher.launch("nightly", spec, fireTime.plusSeconds(60), workflowId);
      assertThat(overlapping.outcome()).isEqualTo(Launch.Outcome.PREVIOUS_STILL_RUNNING);

      PipelineResult result =
          client.newUntypedWorkflowStub(workflowId).getResult(PipelineResult.class);
      assertThat(result.runId()).isEqualTo(workflowId);
      assertThat(result.modelVersion()).isEqualTo(workflowId);

      // The same fire time again (a double fire): Temporal refuses the id, even after the run
      // closed.
      Launch again = launcher.launch("nightly", spec, fireTime, workflowId);
      assertThat(again.outcome()).isEqualTo(Launch.Outcome.ALREADY_STARTED);
      assertThat(again.workflowId()).isEqualTo(workflowId);
    }
    // A restarted scheduler (a new Quartz instance on the same file) still has the schedule and its
    // last run.
    try (Schedules restarted =
        Schedules.open(ScheduleDatabase.embedded(home)).startFiring(launcher)) {
      ScheduleInfo nightly = restarted.get("nightly");
      assertThat(nightly.lastWorkflowId()).isEqualTo(workflowId);
      assertThat(Instant.parse(nightly.nextFireTime()))
          .isAfter(Instant.parse("2098-12-31T00:00:00Z"));
    }
  }

  private static String awaitLastRun(Schedules scheduler) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      String id = scheduler.get("nightly").lastWorkflowId();
      if (id != null) {
        return id;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the triggered schedule started no run within 30 s");
  }
}
