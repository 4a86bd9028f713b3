package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's path: a tiny GPT-2 with a character tokenizer, trained, checkpointed, generated
 * from, exported.
 */
class FromScratchTrainingTest {
  private static final List<String> PROMPTS = List.of("CCO=", "CC=", "C=", "CCCO=");
  private static final List<String> ANSWERS = List.of("ethanol", "ethane", "methane", "propanol");

  private static CharTokenizer tokenizer() {
    List<String> texts = new ArrayList<>(PROMPTS);
    texts.addAll(ANSWERS);
    return CharTokenizer.fit(texts);
  }

  private static Batch batch(CharTokenizer tok) {
    List<int[]> prompts = PROMPTS.stream().map(tok::encode).toList();
    List<int[]> responses = ANSWERS.stream().map(a -> append(tok.encode(a), tok.eosId())).toList();
    return Batch.of(prompts, responses, tok.padId(), 32);
  }

  private static CausalLM newModel(CharTokenizer tok) {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(tok.vocabSize())
            .layers(2)
            .hidden(32)
            .heads(4)
            .maxPositions(32)
            .tokens(tok.bosId(), tok.eosId(), tok.padId())
            .build();
    return CausalLM.random(config, 7, DeviceChoice.CPU);
  }

  private static TrainConfig config() {
    return TrainConfig.builder().learningRate(1e-2).warmupSteps(5).minLrRatio(0.1).seed(3).build();
  }

  @Test
  void lossFallsAndGreedyAndBeamSearchGenerateWhatItLearned() {
    CharTokenizer tok = tokenizer();
    Batch batch = batch(tok);
    try (CausalLM model = newModel(tok);
        Trainer trainer = new Trainer(model, config(), 150)) {
      double initial = trainer.evalLoss(batch);
      StepResult last = null;
      for (int i = 0; i < 150; i++) {
        last = trainer.step(batch);
      }
      assertThat(last.step()).isEqualTo(150);
      assertThat(last.tokens()).isEqualTo(batch.tokenCount());
      assertThat(trainer.evalLoss(batch)).isLessThan(initial / 10);

      List<int[]> prompts = PROMPTS.stream().map(tok::encode).toList();
      List<int[]> generated = new Generator(model).greedy(prompts, 12, tok.eosId());
      assertThat(generated.stream().map(tok::decode).toList()).isEqualTo(ANSWERS);
      List<List<int[]>> beams = new Generator(model).beam(prompts, 3, 12, tok.eosId(), 1.0, 2);
      assertThat(beams.stream().map(b -> tok.decode(b.get(0))).toList()).isEqualTo(ANSWERS);
      assertThat(beams).allSatisfy(b -> assertThat(b).hasSize(2));
    }
  }

  @Test
  void savedModelAndTokenizerLoadBackIdentically(@TempDir Path dir) {
    CharTokenizer tok = tokenizer();
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = newModel(tok)) {
      model.save(dir, tok);
      TextTokenizer loadedTok = TextTokenizer.load(dir);
      assertThat(loadedTok.encode("CCO=ethanol")).containsExactly(tok.encode("CCO=ethanol"));
      try (CausalLM loaded = CausalLM.load(dir, DeviceChoice.CPU)) {
        assertThat(loaded.parameterCount()).isEqualTo(model.parameterCount());
        NDArray ids = m.create(new long[][] {{1, 5, 6, 7, 8}});
        NDArray mask = m.ones(ids.getShape(), DataType.INT64);
        assertThat(loaded.logits(ids, mask).contentEquals(model.logits(ids, mask))).isTrue();
      }
    }
  }

  @Test
  void charTokenizerJsonLoadsInHuggingFaceTokenizersWithTheSameIds(@TempDir Path dir) {
    CharTokenizer tok = tokenizer();
    tok.save(dir);
    try (HfTokenizer hf = HfTokenizer.load(dir)) {
      String text = "CCCO=propanol\nC=?";
      assertThat(hf.encode(text)).containsExactly(tok.encode(text));
      assertThat(hf.decode(tok.encode("CC=ethane"))).isEqualTo("CC=ethane");
      assertThat(hf.eosId()).isEqualTo(tok.eosId());
      assertThat(hf.padId()).isEqualTo(tok.padId());
      assertThat(hf.vocabSize()).isEqualTo(tok.vocabSize());
    }
  }

  @Test
  void resumingFromSavedStateContinuesBitIdentically(@TempDir Path dir) {
    CharTokenizer tok = tokenizer();
    Batch batch = batch(tok);
    TrainConfig withAccumulation =
        TrainConfig.builder()
            .learningRate(5e-3)
            .weightDecay(0.1)
            .betas(0.9, 0.99)
            .warmupSteps(2)
            .schedule("linear")
            .gradClip(0.5)
            .gradAccumulation(2)
            .seed(11)
            .build();
    List<Double> uninterrupted = new ArrayList<>();
    float[] uninterruptedWeights;
    try (CausalLM model = newModel(tok);
        Trainer trainer = new Trainer(model, withAccumulation, 6)) {
      for (int i = 0; i < 12; i++) {
        uninterrupted.add(trainer.step(batch).loss());
      }
      uninterruptedWeights = model.parameters().get(3).value().toFloatArray();
    }
    List<Double> resumed = new ArrayList<>();
    try (CausalLM model = newModel(tok);
        Trainer trainer = new Trainer(model, withAccumulation, 6)) {
      for (int i = 0; i < 6; i++) {
        resumed.add(trainer.step(batch).loss());
      }
      model.save(dir);
      trainer.saveState(dir);
    }
    try (CausalLM model = CausalLM.load(dir, DeviceChoice.CPU);
        Trainer trainer = new Trainer(model, withAccumulation, 6)) {
      trainer.loadState(dir);
      assertThat(trainer.step()).isEqualTo(3);
      for (int i = 0; i < 6; i++) {
        resumed.add(trainer.step(batch).loss());
      }
      assertThat(resumed).isEqualTo(uninterrupted);
      assertThat(model.parameters().get(3).value().toFloatArray()).isEqualTo(uninterruptedWeights);
    }
  }

  private static int[] append(int[] ids, int id) {
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = id;
    return out;
  }
}
