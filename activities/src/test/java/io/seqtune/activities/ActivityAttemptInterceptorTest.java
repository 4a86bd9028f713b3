package io.seqtune.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityAttemptInterceptorTest {
  private static final String QUEUE = "interceptor-test";

  @ActivityInterface
  public interface Probe {
    /** Writes a file into the attempt's scratch directory; fails the first {@code failures}. */
    @ActivityMethod(name = "Probe")
    String probe(int failures);
  }

  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    String run(int failures);
  }

  public static class ProbeWorkflowImpl implements ProbeWorkflow {
    private final Probe probe =
        Workflow.newActivityStub(
            Probe.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(10))
                        .setMaximumAttempts(3)
                        .build())
                .build());

    @Override
    public String run(int failures) {
      return probe.probe(failures);
    }
  }

  static final class ProbeImpl implements Probe {
    private final WorkerContext context;
    final List<Path> scratches = Collections.synchronizedList(new ArrayList<>());
    private int calls;

    ProbeImpl(WorkerContext context) {
      this.context = context;
    }

    @Override
    public String probe(int failures) {
      Path scratch = AttemptScratch.current(context);
      scratches.add(scratch);
      try {
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("partial.bin"), "work in progress");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (calls++ < failures) {
        throw new IllegalStateException("attempt " + calls + " fails");
      }
      return scratch.toString();
    }
  }

  @TempDir Path workDir;
  private PrometheusRegistry registry;
  private ProbeImpl probe;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    registry = new PrometheusRegistry();
    WorkerContext context = new WorkerContext(null, workDir, new TrainingMetrics(registry));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityAttemptInterceptor(context))
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    probe = new ProbeImpl(context);
    worker.registerActivitiesImplementations(probe);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ProbeWorkflow workflow() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ProbeWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
  }

  @Test
  void countsEveryAttemptAndFailureAndDeletesEachAttemptsScratch() {
    String lastScratch = workflow().run(2);

    assertThat(counter("seqtune_activity_attempts")).isEqualTo(3.0);
    assertThat(counter("seqtune_activity_failures")).isEqualTo(2.0);
    assertThat(probe.scratches).hasSize(3).doesNotHaveDuplicates().contains(Path.of(lastScratch));
    assertThat(probe.scratches).allSatisfy(dir -> assertThat(dir).doesNotExist());
    assertThat(probe.scratches.get(0)).startsWithRaw(workDir.resolve("attempts").resolve("Probe"));
  }

  @Test
  void anAttemptThatExhaustsItsRetriesStillLeavesNoScratch() {
    assertThatThrownBy(() -> workflow().run(5)).isInstanceOf(WorkflowFailedException.class);

    assertThat(counter("seqtune_activity_attempts")).isEqualTo(3.0);
    assertThat(counter("seqtune_activity_failures")).isEqualTo(3.0);
    assertThat(probe.scratches).allSatisfy(dir -> assertThat(dir).doesNotExist());
  }

  private double counter(String name) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        return ((CounterSnapshot) snapshot)
            .getDataPoints().stream()
                .filter(p -> "Probe".equals(p.getLabels().get("activity")))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
      }
    }
    return 0;
  }
}
