package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each architecture against the numbers transformers produced for the same weights and inputs. */
class HfParityTest {
  private static final TrainConfig ONE_ADAMW_STEP =
      TrainConfig.builder()
          .learningRate(1e-3)
          .weightDecay(0.0)
          .schedule("constant")
          .gradClip(0)
          .build();

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt_neo", "opt", "llama"})
  void logitsLossGradientsAdamWAndGreedyMatchTransformers(String arch) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf(arch), DeviceChoice.CPU)) {
      Map<String, NDArray> ref = Fixtures.reference(arch, m);
      NDArray ids = ref.get("input_ids");
      NDArray mask = ref.get("attention_mask");

      NDArray logits = model.logits(ids, mask);
      assertThat(Fixtures.maxDiffWhereMasked(logits, ref.get("logits"), mask)).isLessThan(1e-4);

      long[][] inputRows = Fixtures.rows(ids);
      long[][] maskRows = Fixtures.rows(mask);
      long[][] labels = new long[inputRows.length][];
      for (int r = 0; r < inputRows.length; r++) {
        labels[r] = inputRows[r].clone();
        for (int t = 0; t < labels[r].length; t++) {
          if (maskRows[r][t] == 0) {
            labels[r][t] = Batch.IGNORE;
          }
        }
      }
      Batch batch = new Batch(inputRows, labels, maskRows);
      try (Trainer trainer = new Trainer(model, ONE_ADAMW_STEP, 1)) {
        assertThat(trainer.evalLoss(batch)).isCloseTo(ref.get("loss").getFloat(), within(1e-5));
        StepResult step = trainer.step(batch);
        assertThat(step.loss()).isCloseTo(ref.get("loss").getFloat(), within(1e-5));
        assertThat(step.gradNorm()).isCloseTo(ref.get("grad_norm").getFloat(), within(1e-4));
        assertThat(trainer.evalLoss(batch))
            .isCloseTo(ref.get("loss_after_adamw_step").getFloat(), within(1e-4));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt_neo", "opt", "llama"})
  void greedyDecodingWithCacheMatchesTransformers(String arch) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf(arch), DeviceChoice.CPU)) {
      long[] expected = ref(m, arch).get("greedy_ids").toLongArray();
      int[] prompt = Arrays.stream(expected, 0, 5).mapToInt(Math::toIntExact).toArray();
      int[] generated = new Generator(model).greedy(List.of(prompt), 8, -1).get(0);
      assertThat(generated)
          .containsExactly(Arrays.stream(expected, 5, 13).mapToInt(Math::toIntExact).toArray());
    }
  }

  private static Map<String, NDArray> ref(NDManager m, String arch) {
    return Fixtures.reference(arch, m);
  }
}
