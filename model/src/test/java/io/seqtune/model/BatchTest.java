package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class BatchTest {
  @Test
  void promptAndPaddingAreMaskedFromTheLossAndLongExamplesTruncated() {
    Batch b =
        Batch.of(
            List.of(new int[] {7, 8}, new int[] {9, 10, 11}),
            List.of(new int[] {3, 2}, new int[] {4, 5, 6, 2}),
            0,
            5);
    assertThat(b.inputIds()).isEqualTo(new long[][] {{7, 8, 3, 2, 0}, {9, 10, 11, 4, 5}});
    assertThat(b.labels())
        .isEqualTo(new long[][] {{-100, -100, 3, 2, -100}, {-100, -100, -100, 4, 5}});
    assertThat(b.attentionMask()).isEqualTo(new long[][] {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}});
    assertThat(b.tokenCount()).isEqualTo(9);
  }

  @Test
  void aBatchLongerThanLearnedPositionsIsRejected() {
    Batch tooLong = Batch.ofSequences(List.of(new int[17]), 0, 32);
    try (CausalLM model =
            CausalLM.random(
                ModelConfig.gpt2()
                    .vocabSize(20)
                    .layers(1)
                    .hidden(8)
                    .heads(2)
                    .maxPositions(16)
                    .tokens(1, 2, 0)
                    .build(),
                0,
                DeviceChoice.CPU);
        Trainer trainer = new Trainer(model, TrainConfig.defaults(), 1)) {
      Assertions.assertThatThrownBy(() -> trainer.step(tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("17 tokens exceed the model's 16 positions");
    }
  }
}
