package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GPU branch and bfloat16 compute, exercised on CPU (torch's CPU kernels run bf16 too). */
class DeviceAndPrecisionTest {
  @Test
  void choosingGpuWithoutOneFailsClearly() {
    Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "a GPU is visible");
    assertThatThrownBy(() -> CausalLM.load(Fixtures.hf("gpt2"), DeviceChoice.GPU))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no CUDA device");
    assertThat(DeviceChoice.parse("gpu")).isEqualTo(DeviceChoice.GPU);
    assertThat(ComputeDtype.parse("bf16")).isEqualTo(ComputeDtype.BFLOAT16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama"})
  void bfloat16ComputeStaysCloseToFloat32AndTrainsFloat32Weights(String arch) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM fp32 = CausalLM.load(Fixtures.hf(arch), DeviceChoice.CPU);
        CausalLM bf16 = CausalLM.load(Fixtures.hf(arch), DeviceChoice.CPU, ComputeDtype.BFLOAT16)) {
      Map<String, NDArray> ref = Fixtures.reference(arch, m);
      NDArray ids = ref.get("input_ids");
      NDArray mask = ref.get("attention_mask");
      NDArray low = bf16.logits(ids, mask);
      assertThat(low.getDataType()).isEqualTo(DataType.FLOAT32);
      double diff = Fixtures.maxDiffWhereMasked(low, fp32.logits(ids, mask), mask);
      assertThat(diff)
          .isGreaterThan(0)
          .isLessThan(0.1); // bf16 has 8 mantissa bits; logits are O(1)

      Batch batch =
          Batch.of(List.of(new int[] {5, 6, 7}), List.of(new int[] {8, 9, 10, 11}), 0, 16);
      try (Trainer trainer =
          new Trainer(bf16, TrainConfig.builder().learningRate(1e-2).build(), 10)) {
        double before = trainer.evalLoss(batch);
        for (int i = 0; i < 10; i++) {
          trainer.step(batch);
        }
        assertThat(trainer.evalLoss(batch)).isLessThan(before);
      }
      assertThat(bf16.parameters())
          .allSatisfy(p -> assertThat(p.value().getDataType()).isEqualTo(DataType.FLOAT32));
    }
  }
}
