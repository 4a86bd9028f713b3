package io.seqtune.workers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.seqtune.activities.ActivityAttemptInterceptor;
import io.seqtune.activities.dataset.DatasetActivitiesImpl;
import io.seqtune.activities.evaluation.EvaluationActivitiesImpl;
import io.seqtune.activities.registry.RegistryActivitiesImpl;
import io.seqtune.activities.report.ReportActivitiesImpl;
import io.seqtune.activities.runs.RunRecordActivitiesImpl;
import io.seqtune.activities.training.TrainingActivitiesImpl;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.spec.SpecReader;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipelineImpl;
import io.seqtune.workflows.sweep.SweepImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A worker process's pollers: workflows and light activities on {@code seqtune-pipeline}, dataset
 * building, training and evaluation on {@code seqtune-gpu} (one at a time: each uses every core or
 * the whole GPU). Run as many trainer workers as there are GPU machines.
 */
public final class SeqtuneWorker implements AutoCloseable {
  private final WorkerFactory factory;

  private SeqtuneWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  public static SeqtuneWorker start(
      WorkflowClient client, WorkerContext context, Collection<String> queues) {
    // Builds Jackson's spec deserializers now: the first build inside a workflow task, under load,
    // can outlast the SDK's 1 s deadlock detector and fail that task.
    SpecReader.pipeline(JsonNodeFactory.instance.objectNode());
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityAttemptInterceptor(context))
                .build());
    for (String queue : queues) {
      if (queue.equals(Queues.PIPELINE)) {
        Worker worker = factory.newWorker(queue, options(50));
        worker.registerWorkflowImplementationTypes(FineTunePipelineImpl.class, SweepImpl.class);
        worker.registerActivitiesImplementations(
            new RegistryActivitiesImpl(context),
            new ReportActivitiesImpl(context),
            new RunRecordActivitiesImpl(context));
      } else if (queue.equals(Queues.GPU)) {
        Worker worker = factory.newWorker(queue, options(1));
        worker.registerActivitiesImplementations(
            new DatasetActivitiesImpl(context),
            new TrainingActivitiesImpl(context),
            new EvaluationActivitiesImpl(context));
      } else {
        throw new IllegalArgumentException("unknown task queue '" + queue + "': use " + Queues.ALL);
      }
    }
    factory.start();
    return new SeqtuneWorker(factory);
  }

  private static WorkerOptions options(int concurrentActivities) {
    return WorkerOptions.newBuilder()
        // Without this a workflow whose worker died waits for ever on that worker's sticky queue
        // (the dev server never times it out); with it the next task goes to any live worker.
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .setMaxConcurrentActivityExecutionSize(concurrentActivities)
        .build();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
