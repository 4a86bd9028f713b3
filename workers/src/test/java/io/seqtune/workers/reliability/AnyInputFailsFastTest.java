package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever JSON a client sends as {@code FineTunePipeline}'s argument, sent as raw bytes the way
 * the Temporal CLI sends them, the run ends FAILED within seconds with a non-retryable {@code
 * InvalidSpec} naming each problem by path, its workflow task is not retried in a loop, and its run
 * record says FAILED with the same reason.
 */
class AnyInputFailsFastTest {
  /** Each input and a fragment the failure must contain. */
  private static Map<String, List<String>> inputs() {
    Map<String, List<String>> in = new LinkedHashMap<>();
    in.put("null", List.of("spec: none given"));
    in.put("[]", List.of("spec: expected a JSON object, got a list"));
    in.put("[{\"task\":\"smiles2iupac\"}]", List.of("spec: expected a JSON object, got a list"));
    in.put("\"smiles2iupac\"", List.of("spec: expected a JSON object, got a string"));
    in.put("42", List.of("spec: expected a JSON object, got a number (42)"));
    in.put("true", List.of("spec: expected a JSON object, got a boolean"));
    in.put(
        "{\"task\":\"smiles2iupac\",\"data\":\"oops\"}",
        List.of("data: expected an object, got a string (\"oops\")"));
    in.put("{\"train\":{\"epochs\":\"three\"}}", List.of("train.epochs: expected a whole number"));
    in.put("{\"train\":{\"epochs\":1.5}}", List.of("train.epochs: expected a whole number"));
    in.put("{\"train\":{\"epochs\":1e20}}", List.of("train.epochs: 1.0E20 is too large"));
    in.put("{\"train\":{\"epochs\":0}}", List.of("train.epochs: 0 is outside 1..1000"));
    in.put("{\"model\":{\"loraTargets\":\"q\"}}", List.of("model.loraTargets: expected a list"));
    in.put(
        "{\"model\":{\"loraTargets\":[1,\"v\"]}}",
        List.of("model.loraTargets[0]: expected a string"));
    in.put("{\"promote\":{\"enabled\":\"yes\"}}", List.of("promote.enabled: expected true or"));
    in.put("{\"task\":123}", List.of("task: expected a string, got a number"));
    in.put("{\"task\":\"nope\"}", List.of("task: 'nope' is not one of"));
    in.put("{\"eval\":{\"beams\":{\"a\":1}}}", List.of("eval.beams: expected a whole number"));
    in.put(
        "{\"a\":{\"b\":[{\"c\":[[[{}]]]}]},\"train\":{\"x\":[null]}}",
        List.of("a: unknown field", "train.x: unknown field"));
    in.put(
        "{\"train\":{\"learningRate\":\"fast\",\"batchSize\":0},\"model\":{\"hidden\":[64]}}",
        List.of(
            "train.learningRate: expected a number",
            "model.hidden: expected a whole number",
            "train.batchSize: must be >= 1"));
    in.put("{\"runId\":\"bad id with spaces\"}", List.of("runId: 'bad id with spaces' must be"));
    in.put("{\"data\":{\"seed\":\"7\"},\"model\":null}", List.of("data.seed: expected a whole"));
    in.put("{\"x\":" + "[".repeat(500) + "]".repeat(500) + "}", List.of("x: unknown field"));
    in.put(
        "{\"task\":\"" + "C".repeat(1_000_000) + "\"}",
        List.of("spec: 1000011 bytes of JSON, more than the 262144 allowed"));
    in.put(
        "{\"data\":{\"path\":\"" + "p".repeat(5000) + "\"}}",
        List.of("data.path: a string of 5000 characters, more than the 4096 allowed"));
    return in;
  }

  @Test
  void everyMalformedArgumentFailsTheRunAtOnceNamingItsProblems(@TempDir Path home)
      throws Exception {
    try (DevStack stack =
            DevStack.start(new DevStack.Options(0, 0, 0, home, List.of(Queues.PIPELINE)));
        ObjectStore store = new ObjectStore(stack.store())) {
      WorkflowClient client = stack.connection().client();
      Map<String, List<String>> inputs = inputs();
      List<String> ids = new ArrayList<>();
      long began = System.nanoTime();
      int n = 0;
      for (String json : inputs.keySet()) {
        String id = "malformed-" + n++;
        Runs.startAsCli(client, id, json);
        ids.add(id);
      }
      n = 0;
      for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
        String id = ids.get(n++);
        WorkflowStub run = client.newUntypedWorkflowStub(id);
        Throwable thrown =
            catchThrowable(() -> run.getResult(30, TimeUnit.SECONDS, PipelineResult.class));
        String shown =
            input.getKey().length() > 60 ? input.getKey().substring(0, 60) : input.getKey();
        assertThat(thrown).as(shown).isInstanceOf(WorkflowFailedException.class);
        ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
        assertThat(failure.getType()).as(shown).isEqualTo(ActivityFailures.INVALID_SPEC);
        assertThat(failure.isNonRetryable()).isTrue();
        for (String fragment : input.getValue()) {
          assertThat(failure.getOriginalMessage()).as(shown).contains(fragment);
        }
        assertThat(
                client.fetchHistory(id).getEvents().stream()
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
                    .count())
            .as("workflow task failures of " + shown + " (a retry loop would show many)")
            .isLessThanOrEqualTo(1);
        RunRecord record = new RunRecords(store).find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(RunRecord.FAILED);
        assertThat(record.error()).isEqualTo(failure.getOriginalMessage());
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf(
          "[%s] %d malformed arguments, each FAILED with InvalidSpec; all in %.1f s%n",
          Clock.now(), inputs.size(), seconds);
    }
  }
}
