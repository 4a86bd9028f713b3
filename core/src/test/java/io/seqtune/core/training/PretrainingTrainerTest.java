package io.seqtune.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.checkpoint.StoredCheckpoint;
import io.seqtune.core.corpus.StoredCorpora;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.Hashing;
import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.training.EpochTrainerTest.RecordingHeartbeat;
import io.seqtune.model.CharTokenizer;
import io.seqtune.model.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretraining stage's epochs without Temporal: a tiny GPT-2 learns 120 unpaired texts, on a
 * real S3 server on loopback, with the recording heartbeat of {@link EpochTrainerTest}; then
 * fine-tuning starts from what it learned.
 */
class PretrainingTrainerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("pretraining-test");
  @TempDir static Path dir;
  static ObjectStore store;
  static WorkerContext context;
  static String datasetKey;
  static String corpusKey;

  @BeforeAll
  static void buildDataAndCorpus() throws IOException {
    store = S3.store();
    context = new WorkerContext(store, dir.resolve("work"), TrainingMetrics.unexported());
    StringBuilder pairs = new StringBuilder("input,output\n");
    for (int i = 0; i < 60; i++) {
      String word = Integer.toString(i * 7919, 36);
      pairs.append(word).append(',').append(new StringBuilder(word).reverse()).append('\n');
    }
    Files.writeString(dir.resolve("pairs.csv"), pairs);
    // Texts with a character ('#') the pairs never have: only pretraining brings it in.
    StringBuilder texts = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      texts.append(Integer.toString(i * 104729, 36)).append(i % 4 == 0 ? "#" : "").append('\n');
    }
    Files.writeString(dir.resolve("texts.txt"), texts);
    PipelineSpec spec = spec("build");
    datasetKey = new StoredDatasets(context).buildOrReuse(spec, dir.resolve("build")).key();
    corpusKey =
        new StoredCorpora(context).buildOrReuse(spec, datasetKey, dir.resolve("corpus")).key();
  }

  private static PipelineSpec spec(String runId) throws IOException {
    return JSON.readValue(
            """
            {"task":"text","runId":"%s",
             "data":{"path":"%s","valFraction":0.1,"testFraction":0.1},
             "model":{"layers":1,"hidden":16,"heads":2,"maxLength":32},
             "train":{"epochs":1,"batchSize":8,"checkpointEverySteps":2,"keepCheckpoints":10},
             "pretrain":{"source":"file","path":"%s","size":120,"epochs":2,"learningRate":0.005}}"""
                .formatted(runId, dir.resolve("pairs.csv"), dir.resolve("texts.txt")),
            PipelineSpec.class)
        .withDefaults()
        .validate();
  }

  private static EpochResult pretrain(
      String runId, int epoch, String fromCheckpoint, RecordingHeartbeat heartbeat, String resume)
      throws IOException {
    PretrainEpochInput in =
        new PretrainEpochInput(spec(runId), runId, corpusKey, datasetKey, epoch, fromCheckpoint);
    Path work = Files.createTempDirectory(dir, "attempt");
    return EpochTrainer.pretraining(context, in, work, heartbeat).train(resume, 1);
  }

  private static String weightsSha256(Phase phase, String checkpointKey, Path into) {
    Path model = new Checkpoints(store, phase).fetch(checkpointKey, into).modelDir();
    return Hashing.sha256(model.resolve("model.safetensors"));
  }

  @Test
  void pretrainingEpochsCheckpointApartFromFineTuningAndLearnTheTexts() throws IOException {
    RecordingHeartbeat heartbeat = new RecordingHeartbeat(0);

    EpochResult first = pretrain("apart", 1, null, heartbeat, null);
    EpochResult second = pretrain("apart", 2, first.checkpointKey(), heartbeat, null);

    assertThat(second.checkpointKey())
        .isEqualTo(
            StoreLayout.checkpointIn(
                StoreLayout.pretrainingCheckpoints("apart"), second.globalStep()));
    assertThat(second.globalStep()).isEqualTo(2 * first.globalStep());
    assertThat(heartbeat.beats).hasSize((int) second.globalStep());
    assertThat(second.trainLoss()).isLessThan(first.trainLoss());
    assertThat(new Checkpoints(store).complete("apart")).isEmpty();
    assertThat(new Checkpoints(store, Phase.PRETRAINING).complete("apart"))
        .extracting(StoredCheckpoint::key)
        .startsWith(second.checkpointKey())
        .allSatisfy(k -> assertThat(k).startsWith(StoreLayout.pretrainingCheckpoints("apart")));
  }

  @Test
  void aStoppedPretrainingEpochResumesToTheWeightsOfAnUninterruptedOne() throws IOException {
    EpochResult whole = pretrain("pt-reference", 1, null, new RecordingHeartbeat(0), null);

    assertThatThrownBy(() -> pretrain("pt-stopped", 1, null, new RecordingHeartbeat(3), null))
        .isInstanceOf(TrainingStopped.class);
    String atStop = StoreLayout.checkpointIn(StoreLayout.pretrainingCheckpoints("pt-stopped"), 3);
    EpochResult resumed = pretrain("pt-stopped", 1, null, new RecordingHeartbeat(0), atStop);

    assertThat(resumed.globalStep()).isEqualTo(whole.globalStep());
    assertThat(weightsSha256(Phase.PRETRAINING, resumed.checkpointKey(), dir.resolve("resumed")))
        .isEqualTo(
            weightsSha256(Phase.PRETRAINING, whole.checkpointKey(), dir.resolve("reference")));
  }

  @Test
  void fineTuningStartsFromThePretrainedWeightsAndVocabulary() throws IOException {
    EpochResult pretrained = pretrain("from-pretrained", 1, null, new RecordingHeartbeat(0), null);
    TrainEpochInput in =
        new TrainEpochInput(
            spec("from-pretrained"),
            "from-pretrained",
            datasetKey,
            1,
            null,
            pretrained.checkpointKey());
    FineTuningPlan plan = new FineTuningPlan(in);
    Path saved = dir.resolve("fine-tuning-start");

    try (PhasePlan.Splits data = plan.open(context);
        ModelBundle start = plan.start(context, data, Files.createTempDirectory(dir, "start"))) {
      start.save(saved);
      assertThat(start.tokenizer().encode("#")).doesNotContain(CharTokenizer.UNK);
    }

    assertThat(Hashing.sha256(saved.resolve("model.safetensors")))
        .isEqualTo(weightsSha256(Phase.PRETRAINING, pretrained.checkpointKey(), dir.resolve("pt")));
    Path work = Files.createTempDirectory(dir, "attempt");
    EpochResult fineTuned =
        new EpochTrainer(context, in, work, new RecordingHeartbeat(0)).train(null, 1);
    assertThat(fineTuned.checkpointKey())
        .isEqualTo(StoreLayout.checkpoint("from-pretrained", fineTuned.globalStep()));
    Path model =
        new Checkpoints(store).fetch(fineTuned.checkpointKey(), dir.resolve("ft")).modelDir();
    try (TextTokenizer tokenizer = TextTokenizer.load(model)) {
      assertThat(tokenizer.encode("#")).doesNotContain(CharTokenizer.UNK);
    }
  }
}
