package io.seqtune.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.checkpoint.CheckpointState;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Registering a run's final checkpoint as a model version, then offering it for champion. */
class ModelPromoterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path workDir;
  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("promoter-test");
  static ObjectStore store;
  static ModelPromoter promoter;

  @BeforeAll
  static void start() {
    store = S3.store();
    promoter = new ModelPromoter(new WorkerContext(store, workDir, TrainingMetrics.unexported()));
  }

  private static PromoteInput input(String task, String runId, String specJson, Path tmp)
      throws IOException {
    PipelineSpec spec = JSON.readValue(specJson, PipelineSpec.class).withDefaults().validate();
    Path dir = Files.createDirectories(tmp.resolve("ckpt").resolve(Checkpoints.MODEL_DIR));
    Files.writeString(dir.resolve("model.safetensors"), "weights of " + runId);
    CheckpointState end = new CheckpointState(1, 4, 4, 4, true, 1.0, 1, 0.5);
    ObjectStore.writeJson(tmp.resolve("ckpt").resolve(CheckpointState.FILE_NAME), end);
    String key = new Checkpoints(store).upload(runId, end, "sha", tmp.resolve("ckpt"));
    return new PromoteInput(spec, runId, task + "-ds-1", key, Map.of("exact_match", 0.25));
  }

  @Test
  void registersTheRunsModelWithItsCardAndPromotesTheFirstOne(@TempDir Path tmp)
      throws IOException {
    PromoteInput in =
        input("text", "p1", "{\"task\":\"text\",\"data\":{\"path\":\"pairs.csv\"}}", tmp);

    PromotionResult result = promoter.registerAndPromote(in, tmp.resolve("work"));

    assertThat(result.version()).isEqualTo("p1");
    assertThat(result.champion()).isTrue();
    assertThat(result.weightsSha256())
        .isEqualTo(Hashing.sha256("weights of p1".getBytes(StandardCharsets.UTF_8)));
    String card =
        new String(
            store.getBytes(StoreLayout.version("text", "p1") + ModelCard.FILE_NAME),
            StandardCharsets.UTF_8);
    assertThat(card).contains("# text model p1", "- dataset: `datasets/text-ds-1/`");
    ModelVersion stored = new ModelRegistry(store).find("text", "p1").orElseThrow();
    assertThat(stored.checkpointKey()).isEqualTo(in.checkpointKey());
    assertThat(stored.createdAt()).isNotNull();
  }

  @Test
  void aPretrainedModelsCardSaysWhatItWasPretrainedOn(@TempDir Path tmp) throws IOException {
    PromoteInput in =
        input(
            "text",
            "p-pretrained",
            """
            {"task":"text","data":{"path":"pairs.csv"},
             "pretrain":{"source":"file","path":"texts.txt.gz","size":5000,"epochs":2}}""",
            tmp);

    promoter.registerAndPromote(in, tmp.resolve("work"));

    String card =
        new String(
            store.getBytes(StoreLayout.version("text", "p-pretrained") + ModelCard.FILE_NAME),
            StandardCharsets.UTF_8);
    assertThat(card)
        .contains(
            "- pretraining, before fine-tuning: 2 epochs as a plain language model on 5000"
                + " unpaired file texts from `texts.txt.gz`, none naming a validation or test"
                + " molecule");
  }

  @Test
  void aRetryReusesTheRegisteredVersion(@TempDir Path tmp) throws IOException {
    PromoteInput in =
        input("text", "p2", "{\"task\":\"text\",\"data\":{\"path\":\"pairs.csv\"}}", tmp);
    promoter.registerAndPromote(in, tmp.resolve("work"));
    String createdAt = new ModelRegistry(store).find("text", "p2").orElseThrow().createdAt();

    PromotionResult again = promoter.registerAndPromote(in, tmp.resolve("work-2"));

    assertThat(again.version()).isEqualTo("p2");
    assertThat(new ModelRegistry(store).find("text", "p2").orElseThrow().createdAt())
        .isEqualTo(createdAt);
  }

  @Test
  void withPromotionDisabledTheModelIsRegisteredButNeverChampion(@TempDir Path tmp)
      throws IOException {
    PromoteInput in = input("smiles2iupac", "p3", "{\"promote\":{\"enabled\":false}}", tmp);

    PromotionResult result = promoter.registerAndPromote(in, tmp.resolve("work"));

    assertThat(result.champion()).isFalse();
    assertThat(result.reason()).isEqualTo("promotion disabled by spec");
    assertThat(new ModelRegistry(store).find("smiles2iupac", "p3")).isPresent();
    assertThat(new ModelRegistry(store).champion("smiles2iupac")).isEmpty();
  }
}
