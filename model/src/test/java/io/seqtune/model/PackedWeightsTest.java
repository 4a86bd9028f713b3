package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.seqtune.model.nn.PackedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linear layers packed for inference (GPT-2's MLP with its tanh-GELU fused into the product)
 * compute the same logits, and training ignores the packs.
 */
class PackedWeightsTest {
  private static final ModelConfig CONFIG =
      ModelConfig.gpt2()
          .vocabSize(64)
          .layers(2)
          .hidden(64)
          .heads(4)
          .maxPositions(32)
          .tokens(1, 2, 0)
          .build();

  @Test
  void packedLogitsMatchPlainLogits() {
    try (CausalLM model = CausalLM.random(CONFIG, 5, DeviceChoice.CPU)) {
      Logits logits = plainThenPacked(model);
      assertThat(logits.packed()).containsExactly(logits.plain(), offset(1e-5f));
      assertThat(logits.afterwards()).containsExactly(logits.plain());
    }
  }

  /**
   * bfloat16 compute packs bfloat16 copies: of float32 weights (cast once instead of at every
   * product) or of weights stored in bfloat16 (a frozen base).
   */
  @ParameterizedTest
  @EnumSource(WeightStorage.class)
  void bfloat16ComputePacksBfloat16Copies(WeightStorage storage) {
    try (CausalLM model =
        CausalLM.random(CONFIG, 5, DeviceChoice.CPU, ComputeDtype.BFLOAT16, storage)) {
      Logits logits = plainThenPacked(model);
      assertThat(logits.packedLayers()).isEqualTo(2 * 4 + 1); // 4 per block, and the head
      // Only the order of bfloat16 roundings differs (one ulp is 1/128 of each product).
      assertThat(logits.packed()).containsExactly(logits.plain(), offset(0.02f));
    }
  }

  /** Logits of one batch before, while and after the model's weights are packed. */
  private record Logits(float[] plain, float[] packed, float[] afterwards, int packedLayers) {}

  private static Logits plainThenPacked(CausalLM model) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = m.create(new long[][] {{3, 4, 5, 6}, {7, 8, 9, 10}});
      NDArray mask = ids.onesLike();
      float[] plain = model.logits(ids, mask).toFloatArray();
      float[] packed;
      int layers;
      try (PackedWeights weights = model.packWeights()) {
        packed = model.logits(ids, mask).toFloatArray();
        layers = weights.layers();
      }
      return new Logits(plain, packed, model.logits(ids, mask).toFloatArray(), layers);
    }
  }

  @Test
  void gradientsReachTheWeightsWhilePacked() {
    try (CausalLM model = CausalLM.random(CONFIG, 5, DeviceChoice.CPU);
        NDManager m = NDManager.newBaseManager();
        PackedWeights weights = model.packWeights()) {
      NDArray w = model.parameters().get(2).value();
      w.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray ids = m.create(new long[][] {{3, 4, 5}});
        NDArray loss = model.forward(ids, ids.onesLike(), null, false).sum();
        collector.backward(loss);
      }
      assertThat(w.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
    }
  }
}
