package io.seqtune.workers.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.registry.ModelRegistry;
import io.seqtune.core.registry.ModelVersion;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pipelines at once on a pool of two worker JVMs: each run's checkpoints carry its own spec,
 * each registered version holds its own run's final weights, and each run's dataset is stored once.
 */
class TwoPipelinesOnePoolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void concurrentRunsKeepTheirArtifactsApart(@TempDir Path home) throws Exception {
    long began = System.nanoTime();
    try (FaultStack stack = FaultStack.start(home);
        WorkerProcess a = WorkerProcess.start(stack, "pool-a");
        WorkerProcess b = WorkerProcess.start(stack, "pool-b")) {
      WorkflowStub first =
          Runs.startAsCli(stack.connection().client(), "pair-1", Runs.spec("pair-1", 1));
      WorkflowStub second =
          Runs.startAsCli(stack.connection().client(), "pair-2", Runs.spec("pair-2", 2));
      PipelineResult r1 = first.getResult(PipelineResult.class);
      PipelineResult r2 = second.getResult(PipelineResult.class);
      ObjectStore store = stack.store();

      for (PipelineResult r : List.of(r1, r2)) {
        long seed = r.runId().equals("pair-1") ? 1 : 2;
        List<String> manifests =
            store.list(StoreLayout.checkpoints(r.runId())).stream()
                .filter(k -> k.endsWith("/" + ArtifactManifest.FILE_NAME))
                .toList();
        for (String manifest : manifests) {
          String dir =
              manifest.substring(0, manifest.length() - ArtifactManifest.FILE_NAME.length());
          JsonNode spec = JSON.readTree(store.getBytes(dir + Checkpoints.SPEC_FILE));
          assertThat(spec.get("runId").asText()).as(dir).isEqualTo(r.runId());
          assertThat(spec.get("train").get("seed").asLong()).as(dir).isEqualTo(seed);
        }
        ModelVersion version =
            new ModelRegistry(store).find("smiles2iupac", r.runId()).orElseThrow();
        String last = r.checkpoints().get(r.checkpoints().size() - 1);
        String lastWeights =
            store.manifest(last).orElseThrow().files().get("model/model.safetensors").sha256();
        System.out.printf(
            "[%s] run %s: %d checkpoints, all with its own spec; version %s from %s, sha256 %s; TrainEpoch attempts %d%n",
            Clock.now(),
            r.runId(),
            manifests.size(),
            version.version(),
            version.checkpointKey(),
            version.weightsSha256(),
            Runs.trainEpochAttempts(stack.connection().client(), r.runId()));
        assertThat(version.checkpointKey())
            .isEqualTo(last)
            .startsWith(StoreLayout.checkpoints(r.runId()));
        assertThat(version.weightsSha256()).isEqualTo(lastWeights).isEqualTo(r.weightsSha256());
      }
      List<String> datasets =
          store.list("datasets/").stream()
              .filter(k -> k.endsWith("/" + ArtifactManifest.FILE_NAME))
              .toList();
      String servedBy =
          (a.log().contains("pair-") ? "pool-a " : "")
              + (b.log().contains("pair-") ? "pool-b" : "");
      System.out.printf(
          "[%s] datasets stored: %s; training seen in the logs of: %s%n",
          Clock.now(), datasets, servedBy);
      assertThat(r1.weightsSha256()).isNotEqualTo(r2.weightsSha256());
      assertThat(datasets)
          .containsAll(
              List.of(
                  "datasets/" + r1.datasetKey() + "/" + ArtifactManifest.FILE_NAME,
                  "datasets/" + r2.datasetKey() + "/" + ArtifactManifest.FILE_NAME))
          .doesNotHaveDuplicates();
    } finally {
      System.out.printf("two pipelines test took %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
  }
}
