package io.seqtune.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run's checkpoints in a real S3 server on loopback: listing, verification, retention. */
class CheckpointsTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("ckpt-test");
  static ObjectStore store;
  static Checkpoints checkpoints;

  @BeforeAll
  static void start() {
    store = S3.store();
    checkpoints = new Checkpoints(store);
  }

  private static String newRun() {
    return "run" + RUNS.incrementAndGet();
  }

  /** Uploads a small checkpoint at {@code step}: an end-of-epoch one when valLoss is given. */
  private static String upload(String runId, int epoch, long step, Double valLoss, Path tmp)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(runId + "-" + step));
    Files.createDirectories(dir.resolve(Checkpoints.MODEL_DIR));
    Files.writeString(dir.resolve(Checkpoints.MODEL_DIR).resolve("model.safetensors"), "w" + step);
    CheckpointState state =
        new CheckpointState(epoch, 4, 4, step, valLoss != null, 1.0, 1, valLoss);
    ObjectStore.writeJson(dir.resolve(CheckpointState.FILE_NAME), state);
    return checkpoints.upload(runId, state, "spec-sha", dir);
  }

  @Test
  void completeCheckpointsAreListedNewestFirstWithWhatTheirManifestSays(@TempDir Path tmp)
      throws IOException {
    String run = newRun();
    upload(run, 1, 2, null, tmp);
    String end = upload(run, 1, 4, 0.7, tmp);

    List<StoredCheckpoint> complete = checkpoints.complete(run);

    assertThat(complete).extracting(StoredCheckpoint::globalStep).containsExactly(4L, 2L);
    StoredCheckpoint newest = complete.get(0);
    assertThat(newest.key()).isEqualTo(end).isEqualTo(StoreLayout.checkpoint(run, 4));
    assertThat(newest.epochComplete()).isTrue();
    assertThat(newest.valLoss()).isEqualTo(0.7);
    assertThat(newest.specSha256()).isEqualTo("spec-sha");
    ArtifactManifest manifest = store.manifest(end).orElseThrow();
    assertThat(newest.totalBytes()).isEqualTo(manifest.totalBytes()).isPositive();
    assertThat(newest.weightsSha256())
        .isEqualTo(manifest.files().get(Checkpoints.WEIGHTS_FILE).sha256())
        .hasSize(64);
    assertThat(complete.get(1).valLoss()).isNull();
  }

  @Test
  void aDirectoryWithoutManifestIsNeverListedAndIsDeletedAsIncomplete(@TempDir Path tmp)
      throws IOException {
    String run = newRun();
    upload(run, 1, 2, null, tmp);
    String partial = StoreLayout.checkpoint(run, 4);
    store.putBytes(partial + "model/model.safetensors", "half".getBytes(StandardCharsets.UTF_8));

    assertThat(checkpoints.complete(run))
        .extracting(StoredCheckpoint::globalStep)
        .containsExactly(2L);
    checkpoints.deleteIncomplete(run);

    assertThat(store.list(partial)).isEmpty();
    assertThat(store.list(StoreLayout.checkpoint(run, 2)))
        .contains(StoreLayout.checkpoint(run, 2) + ArtifactManifest.FILE_NAME);
  }

  @Test
  void firstIntactSkipsACorruptCandidateForTheNextOne(@TempDir Path tmp) throws IOException {
    String run = newRun();
    String older = upload(run, 1, 2, null, tmp);
    String newer = upload(run, 1, 4, null, tmp);
    store.putBytes(newer + "model/model.safetensors", "flipped".getBytes(StandardCharsets.UTF_8));

    Checkpoints.Loaded loaded =
        checkpoints.firstIntact(List.of(newer, older), tmp.resolve("work")).orElseThrow();

    assertThat(loaded.key()).isEqualTo(older);
    assertThat(loaded.state().globalStep()).isEqualTo(2);
    assertThat(loaded.modelDir().resolve("model.safetensors")).hasContent("w2");
    assertThatThrownBy(() -> checkpoints.fetch(newer, tmp.resolve("work2")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("checkpoint " + newer + " is missing or corrupt");
  }

  @Test
  void retentionKeepsTheNewestTheBestByValidationLossAndTheProtectedOnes(@TempDir Path tmp)
      throws IOException {
    String run = newRun();
    String best = upload(run, 1, 2, 0.1, tmp);
    String protectedKey = upload(run, 2, 4, null, tmp);
    upload(run, 2, 6, 0.5, tmp);
    upload(run, 3, 8, null, tmp);
    upload(run, 3, 10, 0.4, tmp);

    checkpoints.retain(run, 2, Set.of(protectedKey));

    assertThat(checkpoints.complete(run))
        .extracting(StoredCheckpoint::key)
        .containsExactly(
            StoreLayout.checkpoint(run, 10), StoreLayout.checkpoint(run, 8), protectedKey, best);
    assertThat(store.list(StoreLayout.checkpoint(run, 6))).isEmpty();
  }
}
