package io.seqtune.workers.reliability;

import com.google.protobuf.ByteString;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Pipeline runs of the fault tests: their spec, starting them as the Temporal CLI does, and what
 * they left.
 */
final class Runs {
  private Runs() {}

  /**
   * 120 examples, a 1-layer 32-wide GPT-2, batch 4: about 27 steps an epoch, a checkpoint every 2,
   * a 3-second heartbeat timeout so a dead worker's epoch is retried within seconds.
   */
  static String spec(String runId, long seed) {
    return """
        {"task":"smiles2iupac","runId":"%s",
         "data":{"size":120,"seed":5},
         "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
         "train":{"epochs":2,"batchSize":4,"learningRate":0.003,"warmupSteps":2,"seed":%d,
                  "checkpointEverySteps":2,"keepCheckpoints":3,"heartbeatSeconds":3},
         "eval":{"maxExamples":2,"maxNewTokens":20},
         "promote":{"enabled":false}}"""
        .formatted(runId, seed);
  }

  /**
   * Raw JSON bytes with {@code encoding=json/plain}, exactly what {@code temporal workflow start
   * --input} sends.
   */
  static WorkflowStub startAsCli(WorkflowClient client, String workflowId, String json) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            FineTunePipeline.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(Queues.PIPELINE)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .build());
    stub.start(
        new RawValue(
            Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
                .build()));
    System.out.printf("[%s] started workflow %s%n", Clock.now(), workflowId);
    return stub;
  }

  /** The highest attempt any TrainEpoch of the run reached (1: never retried). */
  static int trainEpochAttempts(WorkflowClient client, String workflowId) {
    Map<Long, String> scheduled = new HashMap<>();
    int attempts = 0;
    for (HistoryEvent e : client.fetchHistory(workflowId).getHistory().getEventsList()) {
      if (e.hasActivityTaskScheduledEventAttributes()) {
        scheduled.put(
            e.getEventId(),
            e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.hasActivityTaskStartedEventAttributes()
          && "TrainEpoch"
              .equals(
                  scheduled.get(e.getActivityTaskStartedEventAttributes().getScheduledEventId()))) {
        attempts = Math.max(attempts, e.getActivityTaskStartedEventAttributes().getAttempt());
      }
    }
    return attempts;
  }

  /** A run's checkpoint directories as the S3 server keeps them on disk. */
  static Path checkpointsDir(FaultStack stack, String runId) {
    return stack.bucketDir().resolve(StoreLayout.checkpoints(runId));
  }

  /** The highest step whose checkpoint directory has a manifest on disk. */
  static OptionalLong newestCompleteStep(FaultStack stack, String runId) {
    return stepDirs(stack, runId).stream()
        .filter(d -> Files.isRegularFile(d.resolve(ArtifactManifest.FILE_NAME)))
        .mapToLong(Runs::stepOf)
        .max();
  }

  static List<Path> stepDirs(FaultStack stack, String runId) {
    Path dir = checkpointsDir(stack, runId);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("step-")).sorted().toList();
    } catch (IOException e) {
      return List.of(); // a directory deleted while listing: look again next time
    }
  }

  static long stepOf(Path stepDir) {
    return Long.parseLong(stepDir.getFileName().toString().substring("step-".length()));
  }

  static String key(String runId, long step) {
    return StoreLayout.checkpoint(runId, step);
  }

  static long regularFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
