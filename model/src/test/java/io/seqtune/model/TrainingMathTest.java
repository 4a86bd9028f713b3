package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.Parameter;
import io.seqtune.model.train.AdamW;
import io.seqtune.model.train.LrSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules, decoupled weight decay and gradient accumulation, checked against their formulas. */
class TrainingMathTest {
  @Test
  void warmupThenCosineOrLinearDecayToTheFloor() {
    TrainConfig cosine =
        TrainConfig.builder()
            .learningRate(1.0)
            .weightDecay(0)
            .warmupSteps(10)
            .minLrRatio(0.1)
            .gradClip(0)
            .build();
    LrSchedule s = new LrSchedule(cosine, 110);
    assertThat(s.lr(0)).isZero();
    assertThat(s.lr(5)).isCloseTo(0.5, within(1e-12));
    assertThat(s.lr(10)).isCloseTo(1.0, within(1e-12));
    assertThat(s.lr(60)).isCloseTo(0.1 + 0.9 * 0.5, within(1e-12));
    assertThat(s.lr(110)).isCloseTo(0.1, within(1e-12));
    LrSchedule linear =
        new LrSchedule(
            TrainConfig.builder()
                .learningRate(1.0)
                .weightDecay(0)
                .schedule("linear")
                .gradClip(0)
                .build(),
            100);
    assertThat(linear.lr(25)).isCloseTo(0.75, within(1e-12));
    assertThat(
            new LrSchedule(
                    TrainConfig.builder()
                        .learningRate(1.0)
                        .weightDecay(0)
                        .schedule("constant")
                        .gradClip(0)
                        .build(),
                    100)
                .lr(99))
        .isEqualTo(1.0);
  }

  @Test
  void weightDecayShrinksMatricesButNotBiasesOrNorms() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray matrix = m.ones(new Shape(2, 2));
      NDArray bias = m.ones(new Shape(2));
      matrix.setRequiresGradient(true);
      bias.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        collector.backward(
            matrix.sum().mul(0).add(bias.sum().mul(0))); // zero gradients, so only decay acts
      }
      TrainConfig config =
          TrainConfig.builder()
              .learningRate(0.1)
              .weightDecay(0.5)
              .schedule("constant")
              .gradClip(0)
              .build();
      try (AdamW adam =
              new AdamW(
                  List.of(new Parameter("w", matrix, false), new Parameter("b", bias, false)),
                  config,
                  m);
          NoGrad noGrad = NoGrad.enter()) {
        adam.step(0.1);
      }
      assertThat(matrix.toFloatArray()).containsOnly(0.95f);
      assertThat(bias.toFloatArray()).containsOnly(1f);
    }
  }

  @Test
  void accumulatingTwoCopiesOfABatchEqualsOneStepOnIt() {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(20)
            .layers(2)
            .hidden(16)
            .heads(2)
            .maxPositions(16)
            .tokens(1, 2, 0)
            .build()
            .withDropout(0);
    Batch batch =
        Batch.of(
            List.of(new int[] {5, 6}, new int[] {7}),
            List.of(new int[] {8, 9, 2}, new int[] {10, 2}),
            0,
            8);
    TrainConfig once =
        TrainConfig.builder().learningRate(1e-2).weightDecay(0.1).schedule("constant").build();
    TrainConfig twice =
        TrainConfig.builder()
            .learningRate(1e-2)
            .weightDecay(0.1)
            .schedule("constant")
            .gradAccumulation(2)
            .build();
    try (CausalLM a = CausalLM.random(config, 1, DeviceChoice.CPU);
        CausalLM b = CausalLM.random(config, 1, DeviceChoice.CPU);
        Trainer one = new Trainer(a, once, 3);
        Trainer two = new Trainer(b, twice, 3)) {
      for (int i = 0; i < 3; i++) {
        StepResult single = one.step(batch);
        StepResult first = two.step(batch);
        StepResult second = two.step(batch);
        assertThat(first.gradNorm()).isNaN();
        assertThat(second.gradNorm()).isEqualTo(single.gradNorm());
        assertThat(second.step()).isEqualTo(single.step());
      }
      assertThat(b.parameters().get(2).value().toFloatArray())
          .isEqualTo(a.parameters().get(2).value().toFloatArray());
    }
  }
}
