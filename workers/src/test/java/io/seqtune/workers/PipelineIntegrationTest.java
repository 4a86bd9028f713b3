package io.seqtune.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.seqtune.core.registry.Champion;
import io.seqtune.core.registry.ModelRegistry;
import io.seqtune.core.registry.ModelVersion;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline through the real stack on free loopback ports: Temporal's server over gRPC, the S3
 * server, a worker on both queues, and a client starting workflows the way the Temporal CLI does.
 */
class PipelineIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A few seconds of training: the point is the plumbing, not the accuracy. */
  static final String TINY_SPEC =
      """
      {"task":"smiles2iupac","runId":"%s",
       "data":{"size":60,"seed":3},
       "model":{"layers":1,"hidden":32,"heads":2,"maxLength":96},
       "train":{"epochs":2,"batchSize":16,"learningRate":0.003,"warmupSteps":2,"checkpointEverySteps":2,"keepCheckpoints":10},
       "eval":{"maxExamples":4,"maxNewTokens":30,"beams":2},
       "promote":{"minValue":0}}""";

  @TempDir static Path home;
  static DevStack stack;
  static WorkflowClient client;
  static ObjectStore store;

  @BeforeAll
  static void start() {
    stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
    client = stack.connection().client();
    store = new ObjectStore(stack.store());
  }

  @AfterAll
  static void stop() {
    store.close();
    stack.close();
  }

  /**
   * Starts a workflow with raw JSON bytes as {@code temporal workflow start --input} sends them.
   */
  static WorkflowStub startAsCli(String workflowId, String json) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            FineTunePipeline.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(Queues.PIPELINE)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                .build());
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    stub.start(new RawValue(payload));
    return stub;
  }

  @Test
  void tinyPipelineStoresEveryArtifactAndCrownsAChampion(@TempDir Path tmp) throws Exception {
    PipelineResult result =
        startAsCli("it-tiny", TINY_SPEC.formatted("it-tiny")).getResult(PipelineResult.class);

    assertThat(result.epochs()).isEqualTo(2);
    assertThat(result.checkpoints()).hasSize(2);
    assertThat(result.trainLoss()).hasSize(2).allSatisfy(l -> assertThat(l).isPositive());
    assertThat(result.trainLoss().get(1)).isLessThan(result.trainLoss().get(0));

    // The dataset: three splits and a manifest, no structure in two splits.
    assertThat(store.list("datasets/" + result.datasetKey() + "/"))
        .extracting(k -> k.substring(k.lastIndexOf('/') + 1))
        .contains("manifest.json", "train.jsonl", "val.jsonl", "test.jsonl");
    assertThat(result.trainExamples()).isGreaterThan(30);

    // Every epoch's checkpoint is complete and holds weights, tokenizer, optimizer state and
    // progress.
    for (String key : result.checkpoints()) {
      Path dir = tmp.resolve(key.replace('/', '_'));
      store.downloadDirectory(key, dir);
      assertThat(dir.resolve("model/model.safetensors")).isRegularFile();
      assertThat(dir.resolve("model/config.json")).isRegularFile();
      assertThat(dir.resolve("model/tokenizer.json")).isRegularFile();
      assertThat(dir.resolve("progress.json")).isRegularFile();
      assertThat(Files.list(dir.resolve("trainer")).count()).isPositive();
    }

    // The evaluation report, and the metrics that travelled with the result.
    assertThat(new String(store.getBytes(result.reportKey()), StandardCharsets.UTF_8))
        .contains("\"exact_match\"", "\"roundtrip_accuracy\"", "\"worst\"");
    assertThat(result.metrics())
        .containsKeys("exact_match", "roundtrip_accuracy", "val_loss", "verified_coverage");

    // The registry: an immutable version whose weights are the last checkpoint's, and the champion
    // alias.
    ModelRegistry registry = new ModelRegistry(store);
    Champion champion = registry.champion("smiles2iupac").orElseThrow();
    assertThat(champion.version()).isEqualTo(result.modelVersion()).isEqualTo("it-tiny");
    ModelVersion version = registry.find("smiles2iupac", "it-tiny").orElseThrow();
    Path fetched = registry.fetch(version, tmp.resolve("version"));
    assertThat(Hashing.sha256(fetched.resolve("model.safetensors")))
        .isEqualTo(version.weightsSha256())
        .isEqualTo(result.weightsSha256());
    assertThat(registry.promotions("smiles2iupac"))
        .extracting(p -> p.version())
        .contains("it-tiny");
  }

  @Test
  void tinyPipelineWithPretrainingFineTunesFromThePretrainedModel(@TempDir Path tmp)
      throws Exception {
    String spec =
        TINY_SPEC
            .formatted("it-pretrained")
            .replace(
                "\"promote\":{\"minValue\":0}",
                // The dataset's generator and seed: the corpus holds the dataset's own molecules.
                // Not promoted: the other tests' runs compete for the champion.
                "\"pretrain\":{\"epochs\":2,\"size\":120,\"seed\":3},"
                    + "\"promote\":{\"enabled\":false}");
    PipelineResult result = startAsCli("it-pretrained", spec).getResult(PipelineResult.class);

    assertThat(result.checkpoints()).hasSize(2);
    RunRecord record = new RunRecords(store).find("it-pretrained").orElseThrow();
    assertThat(record.stages())
        .extracting(RunRecord.Stage::stage)
        .containsSubsequence("dataset", "pretraining", "training", "evaluation");
    RunRecord.Pretraining pretraining = record.pretraining();
    assertThat(pretraining.epochResults()).hasSize(2);
    assertThat(pretraining.excluded()).isPositive();
    assertThat(pretraining.checkpoints()).isNotEmpty();
    String last = pretraining.epochResults().get(1).checkpoint();
    assertThat(last).startsWith(StoreLayout.pretrainingCheckpoints("it-pretrained"));

    // Fine-tuning went on from the pretrained model: its vocabulary is the one fitted on the
    // corpus and the training split, which no fine-tuning from scratch would have.
    Path pretrained = tmp.resolve("pretrained");
    store.downloadDirectory(last, pretrained);
    Path fineTuned = tmp.resolve("fine-tuned");
    store.downloadDirectory(result.checkpoints().get(0), fineTuned);
    assertThat(fineTuned.resolve("model/tokenizer.json"))
        .hasSameBinaryContentAs(pretrained.resolve("model/tokenizer.json"));

    // No text of the corpus names a validation or test molecule.
    Path corpus = tmp.resolve("corpus");
    store.downloadDirectory(StoreLayout.corpus(pretraining.corpusKey()), corpus);
    Path dataset = tmp.resolve("dataset");
    store.downloadDirectory(StoreLayout.dataset(result.datasetKey()), dataset);
    Set<String> heldOut = new HashSet<>();
    for (String split : List.of("val.jsonl", "test.jsonl")) {
      for (String line : Files.readAllLines(dataset.resolve(split))) {
        heldOut.add(JSON.readTree(line).get("inchi_key").asText());
      }
    }
    for (String line : Files.readAllLines(corpus.resolve("train.jsonl"))) {
      assertThat(heldOut).doesNotContain(JSON.readTree(line).path("inchi_key").asText());
    }
  }

  @Test
  void unknownFieldFailsTheRunAtOnceNamingTheField() {
    WorkflowStub stub =
        startAsCli("it-bad-field", "{\"task\":\"smiles2iupac\",\"train\":{\"epochz\":3}}");
    assertThatThrownBy(() -> stub.getResult(PipelineResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("train.epochz: unknown field");
  }

  @Test
  void badValuesAndMissingBaseModelFailWithoutRetrying() {
    WorkflowStub badTask =
        startAsCli("it-bad-task", "{\"task\":\"smiles2klingon\",\"train\":{\"epochs\":0}}");
    assertThatThrownBy(() -> badTask.getResult(PipelineResult.class))
        .cause()
        .hasMessageContaining("task: 'smiles2klingon' is not one of")
        .hasMessageContaining("train.epochs");

    WorkflowStub missing =
        startAsCli(
            "it-missing-base",
            "{\"data\":{\"size\":30},\"model\":{\"base\":\"/nonexistent/opt-125m\"},\"train\":{\"epochs\":1}}");
    assertThatThrownBy(() -> missing.getResult(PipelineResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("/nonexistent/opt-125m")
        .hasMessageContaining("not found");
  }
}
