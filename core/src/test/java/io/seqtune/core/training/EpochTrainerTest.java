package io.seqtune.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ExampleFormatter;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.StoredCheckpoint;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.devstack.EmbeddedS3Server;
import io.seqtune.model.CharTokenizer;
import io.seqtune.model.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epoch trainer without Temporal: a tiny GPT-2 on 60 text pairs, a real S3 server on loopback,
 * and a heartbeat that records what it is sent (and can stop the attempt at a given beat).
 */
class EpochTrainerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static EmbeddedS3Server s3;
  static ObjectStore store;
  static WorkerContext context;
  static String datasetKey;

  @BeforeAll
  static void start() throws IOException {
    s3 = EmbeddedS3Server.start(0, dir.resolve("s3"), "key", "secret-value");
    store =
        new ObjectStore(new StoreSettings(s3.endpoint(), "key", "secret-value", "trainer-test"))
            .ensureBucket();
    context = new WorkerContext(store, dir.resolve("work"), TrainingMetrics.unexported());
    StringBuilder csv = new StringBuilder("input,output\n");
    for (int i = 0; i < 60; i++) {
      // Every third word carries an upper-case letter no other word has: some land outside train.
      String word = Integer.toString(i * 7919, 36) + (i % 3 == 0 ? (char) ('A' + i / 3) : "");
      csv.append(word).append(',').append(new StringBuilder(word).reverse()).append('\n');
    }
    Files.writeString(dir.resolve("pairs.csv"), csv);
    datasetKey =
        new StoredDatasets(context).buildOrReuse(spec("build"), dir.resolve("build")).key();
  }

  @AfterAll
  static void stop() {
    store.close();
    s3.close();
  }

  private static PipelineSpec spec(String runId) throws IOException {
    return spec(runId, "");
  }

  /** {@code trainExtra}: more fields of {@code train}, each with a leading comma. */
  private static PipelineSpec spec(String runId, String trainExtra) throws IOException {
    return JSON.readValue(
            """
            {"task":"text","runId":"%s",
             "data":{"path":"%s","valFraction":0.1,"testFraction":0.1},
             "model":{"layers":1,"hidden":16,"heads":2,"maxLength":32},
             "train":{"epochs":1,"batchSize":8,"checkpointEverySteps":2,"keepCheckpoints":10%s}}"""
                .formatted(runId, dir.resolve("pairs.csv"), trainExtra),
            PipelineSpec.class)
        .withDefaults()
        .validate();
  }

  /** Records every beat; throws {@link TrainingStopped} at beat {@code stopAt} (0: never). */
  static final class RecordingHeartbeat implements TrainingHeartbeat {
    final List<TrainingProgress> beats = new ArrayList<>();
    private final int stopAt;

    RecordingHeartbeat(int stopAt) {
      this.stopAt = stopAt;
    }

    @Override
    public void beat(TrainingProgress progress) {
      beats.add(progress);
      if (beats.size() == stopAt) {
        throw new TrainingStopped(new CancellationException("cancelled at beat " + stopAt));
      }
    }

    @Override
    public <T> T during(Supplier<T> work) {
      return work.get();
    }

    @Override
    public void throwIfStopped() {}
  }

  private static EpochResult train(String runId, RecordingHeartbeat heartbeat, String resumeKey)
      throws IOException {
    return train(spec(runId), heartbeat, resumeKey);
  }

  private static EpochResult train(
      PipelineSpec spec, RecordingHeartbeat heartbeat, String resumeKey) throws IOException {
    String runId = spec.runId();
    TrainEpochInput in = new TrainEpochInput(spec, runId, datasetKey, 1, null);
    Path work = Files.createTempDirectory(dir, "attempt");
    return new EpochTrainer(context, in, work, heartbeat).train(resumeKey, 1);
  }

  private static String weightsSha256(String checkpointKey, Path into) {
    Path model = new Checkpoints(store).fetch(checkpointKey, into).modelDir();
    return Hashing.sha256(model.resolve("model.safetensors"));
  }

  @Test
  void anEpochHeartbeatsEveryOptimizerStepAndEndsAtItsEndOfEpochCheckpoint() throws IOException {
    RecordingHeartbeat heartbeat = new RecordingHeartbeat(0);

    EpochResult result = train("whole", heartbeat, null);

    assertThat(result.epoch()).isEqualTo(1);
    assertThat(result.checkpointKey())
        .isEqualTo(StoreLayout.checkpoint("whole", result.globalStep()));
    assertThat(heartbeat.beats).hasSize((int) result.globalStep());
    assertThat(heartbeat.beats)
        .extracting(TrainingProgress::step)
        .isSorted()
        .endsWith(result.globalStep());
    assertThat(result.trainLoss()).isPositive();
    assertThat(result.valLoss()).isPositive();
    List<StoredCheckpoint> stored = new Checkpoints(store).complete("whole");
    assertThat(stored.get(0).key()).isEqualTo(result.checkpointKey());
    assertThat(stored.get(0).epochComplete()).isTrue();
  }

  @Test
  void aStopAtAHeartbeatLeavesACheckpointThatAResumedAttemptFinishesToTheSameWeights()
      throws IOException {
    EpochResult whole = train("reference", new RecordingHeartbeat(0), null);

    assertThatThrownBy(() -> train("stopped", new RecordingHeartbeat(3), null))
        .isInstanceOf(TrainingStopped.class)
        .hasMessageContaining("cancelled at beat 3");
    String atStop = StoreLayout.checkpoint("stopped", 3);
    assertThat(new Checkpoints(store).complete("stopped"))
        .extracting(StoredCheckpoint::key)
        .contains(atStop);

    EpochResult resumed = train("stopped", new RecordingHeartbeat(0), atStop);

    assertThat(resumed.globalStep()).isEqualTo(whole.globalStep());
    assertThat(weightsSha256(resumed.checkpointKey(), dir.resolve("resumed")))
        .isEqualTo(weightsSha256(whole.checkpointKey(), dir.resolve("reference")));
  }

  @Test
  void bfloat16TrainingResumesToTheSameFloat32WeightsAndLearns() throws IOException {
    String bf16 = ",\"precision\":\"bfloat16\"";
    EpochResult whole = train(spec("bf16-reference", bf16), new RecordingHeartbeat(0), null);
    assertThatThrownBy(() -> train(spec("bf16-stopped", bf16), new RecordingHeartbeat(3), null))
        .isInstanceOf(TrainingStopped.class);

    EpochResult resumed =
        train(
            spec("bf16-stopped", bf16),
            new RecordingHeartbeat(0),
            StoreLayout.checkpoint("bf16-stopped", 3));

    assertThat(weightsSha256(resumed.checkpointKey(), dir.resolve("bf16-resumed")))
        .isEqualTo(weightsSha256(whole.checkpointKey(), dir.resolve("bf16-reference")));
    EpochResult float32 = train("float32-twin", new RecordingHeartbeat(0), null);
    // Same data, order and initial weights: bf16 compute follows float32 closely, not exactly.
    assertThat(whole.trainLoss())
        .isCloseTo(float32.trainLoss(), within(0.05 * float32.trainLoss()));
    assertThat(weightsSha256(whole.checkpointKey(), dir.resolve("bf16-again")))
        .isNotEqualTo(weightsSha256(float32.checkpointKey(), dir.resolve("float32-twin")));
    Path model =
        new Checkpoints(store).fetch(whole.checkpointKey(), dir.resolve("bf16-dtype")).modelDir();
    assertThat(Files.readString(model.resolve("config.json"))).contains("\"float32\"");
  }

  @Test
  void aModelFromScratchHasTheCharactersOfTheTrainingTextOnly() throws IOException {
    Path data = DatasetFiles.local(store, datasetKey, dir.resolve("vocabulary-data"));
    ExampleFormatter formatter = ExampleFormatter.of(spec("vocabulary"));
    Set<Integer> trainCharacters = characters(formatter, DatasetFiles.split(data, "train"));
    Set<Integer> allCharacters = new TreeSet<>(trainCharacters);
    allCharacters.addAll(characters(formatter, DatasetFiles.split(data, "val")));
    allCharacters.addAll(characters(formatter, DatasetFiles.split(data, "test")));
    assumeThat(allCharacters).hasSizeGreaterThan(trainCharacters.size());

    EpochResult result = train("vocabulary", new RecordingHeartbeat(0), null);

    Path model =
        new Checkpoints(store).fetch(result.checkpointKey(), dir.resolve("vocabulary")).modelDir();
    try (TextTokenizer tokenizer = TextTokenizer.load(model)) {
      assertThat(tokenizer.vocabSize()).isEqualTo(4 + trainCharacters.size());
      int unseen =
          allCharacters.stream().filter(c -> !trainCharacters.contains(c)).findFirst().get();
      assertThat(tokenizer.encode(Character.toString(unseen))).containsExactly(CharTokenizer.UNK);
    }
  }

  private static Set<Integer> characters(ExampleFormatter formatter, List<Example> examples) {
    Set<Integer> characters = new TreeSet<>();
    examples.forEach(e -> formatter.training(e).text().codePoints().forEach(characters::add));
    return characters;
  }
}
