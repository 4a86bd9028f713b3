package io.seqtune.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.seqtune.model.CausalLM;
import io.seqtune.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Benchmark shapes: every preset's layout builds a working model; bad names fail clearly. */
class ModelShapeTest {
  static List<String> presets() {
    return ModelShape.presets();
  }

  @ParameterizedTest
  @MethodSource("presets")
  void everyPresetLayoutBuildsAModelOfItsArchitecture(String name) {
    ModelShape preset = ModelShape.preset(name);
    // The preset's layout (architecture, MLP ratio, key/value heads, OPT-350m's projections and
    // post-norm) at a size a unit test can afford.
    ModelShape small = preset.withSize(2, 48, 3, 64);
    ModelConfig config = small.config(16);
    assertThat(config.modelType()).isEqualTo(preset.arch());
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = BenchModel.of(small).withLoraRank(2).create(16, false)) {
      NDArray ids = m.create(new long[][] {{1, 2, 3, 4}});
      NDArray logits = model.logits(ids, m.ones(ids.getShape(), DataType.INT64));
      assertThat(logits.getShape()).isEqualTo(new Shape(1, 4, 64));
      assertThat(model.hasLora()).isTrue();
    }
  }

  @Test
  void unknownPresetOrArchitectureNamesTheChoices() {
    assertThatThrownBy(() -> ModelShape.preset("gpt5"))
        .hasMessageContaining("unknown --shape gpt5")
        .hasMessageContaining("opt-1.3b");
    assertThatThrownBy(() -> ModelShape.preset("gpt2-124m").withArch("bert"))
        .hasMessageContaining("unknown --arch bert");
  }
}
