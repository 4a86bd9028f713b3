package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker calls step/evalLoss/generate for hours: nothing may stay attached to the model between
 * calls.
 */
class ResourceLeakTest {
  @Test
  void repeatedTrainingEvaluationAndGenerationKeepTheArrayCountFlat() {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(40)
            .layers(2)
            .hidden(32)
            .heads(4)
            .maxPositions(32)
            .tokens(1, 2, 0)
            .build();
    Batch batch =
        Batch.of(
            List.of(new int[] {5, 6, 7}, new int[] {8}),
            List.of(new int[] {9, 10, 2}, new int[] {11, 12, 13, 2}),
            0,
            16);
    try (CausalLM model = CausalLM.random(config, 1, DeviceChoice.CPU);
        Trainer trainer = new Trainer(model, TrainConfig.defaults(), 30)) {
      Generator generator = new Generator(model);
      Runnable round =
          () -> {
            trainer.step(batch);
            trainer.evalLoss(batch);
            generator.greedy(List.of(new int[] {5, 6}, new int[] {7}), 5, -1);
            generator.beam(List.of(new int[] {5, 6}), 2, 4, 2, 1.0, 1);
          };
      round.run();
      int arrays = ((BaseNDManager) model.manager()).getManagedArrays().size();
      for (int i = 0; i < 10; i++) {
        round.run();
      }
      assertThat(((BaseNDManager) model.manager()).getManagedArrays()).hasSize(arrays);
    }
  }
}
