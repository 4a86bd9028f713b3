package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.seqtune.model.nn.PackedWeights;
import org.junit.jupiter.api.Test;

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
    try (CausalLM model = CausalLM.random(CONFIG, 5, DeviceChoice.CPU);
        NDManager m = NDManager.newBaseManager()) {
      NDArray ids = m.create(new long[][] {{3, 4, 5, 6}, {7, 8, 9, 10}});
      NDArray mask = ids.onesLike();
      float[] plain = model.logits(ids, mask).toFloatArray();
      float[] packed;
      try (PackedWeights weights = model.packWeights()) {
        packed = model.logits(ids, mask).toFloatArray();
      }
      assertThat(packed).containsExactly(plain, offset(1e-5f));
      assertThat(model.logits(ids, mask).toFloatArray()).containsExactly(plain);
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
