package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A worker may run two training activities at once: they must neither fail nor disturb each other.
 */
class ConcurrentTrainingTest {
  private static final Batch BATCH =
      Batch.of(
          List.of(new int[] {5, 6}, new int[] {7}),
          List.of(new int[] {8, 9, 2}, new int[] {10, 2}),
          0,
          8);

  /** Losses of 8 steps of a tiny GPT-2 with dropout on (so the seeded RNG matters). */
  private static List<Double> train(long seed) {
    List<Double> losses = new ArrayList<>();
    TrainConfig config =
        TrainConfig.builder().learningRate(1e-2).schedule("constant").seed(seed).build();
    try (CausalLM model =
            CausalLM.random(
                ModelConfig.gpt2()
                    .vocabSize(20)
                    .layers(2)
                    .hidden(16)
                    .heads(2)
                    .maxPositions(16)
                    .tokens(1, 2, 0)
                    .build(),
                seed,
                DeviceChoice.CPU);
        Trainer trainer = new Trainer(model, config, 8)) {
      for (int i = 0; i < 8; i++) {
        losses.add(trainer.step(BATCH).loss());
      }
    }
    return losses;
  }

  @Test
  void twoTrainersOnTwoThreadsGiveTheirSequentialResults() throws Exception {
    List<Double> aloneA = train(1);
    List<Double> aloneB = train(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<Double>> a = pool.submit(() -> train(1));
      Future<List<Double>> b = pool.submit(() -> train(2));
      assertThat(a.get()).isEqualTo(aloneA);
      assertThat(b.get()).isEqualTo(aloneB);
    } finally {
      pool.shutdown();
    }
  }
}
