package io.seqtune.model.bench;

import io.seqtune.model.Batch;
import io.seqtune.model.CausalLM;
import io.seqtune.model.DeviceChoice;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training throughput: full steps (forward, backward, clipping, AdamW) on random tokens, dropout
 * off. The default shape is the reference: GPT-2, 4 layers x 256 hidden, 4 heads, vocab
 * 1000, sequence 128, batch 16.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /** {@code stepS}: the median seconds of one training step. */
  public record Result(
      String model,
      int batch,
      int seqLen,
      int steps,
      double tokensPerS,
      double stepS,
      int intraOpThreads) {}

  public static ModelConfig defaultModel() {
    return ModelConfig.gpt2()
        .vocabSize(1000)
        .layers(4)
        .hidden(256)
        .heads(4)
        .maxPositions(128)
        .tokens(0, 0, 0)
        .build()
        .withDropout(0);
  }

  public static Result run() {
    return run(defaultModel(), 16, 128, 3, 20, DeviceChoice.CPU);
  }

  public static Result run(
      ModelConfig config,
      int batchSize,
      int seqLen,
      int warmupSteps,
      int steps,
      DeviceChoice device) {
    Random random = new Random(0);
    List<int[]> sequences = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      sequences.add(random.ints(seqLen, 0, config.vocabSize()).toArray());
    }
    Batch batch = Batch.ofSequences(sequences, 0, seqLen);
    double[] seconds = new double[steps];
    try (CausalLM model = CausalLM.random(config, 0, device);
        Trainer trainer = new Trainer(model, TrainConfig.defaults(), warmupSteps + steps)) {
      for (int i = 0; i < warmupSteps; i++) {
        trainer.step(batch);
      }
      for (int i = 0; i < steps; i++) {
        long start = System.nanoTime();
        trainer.step(batch);
        seconds[i] = (System.nanoTime() - start) / 1e9;
      }
    }
    double median = median(seconds);
    return new Result(
        describe(config), batchSize, seqLen, steps, batchSize * seqLen / median, median, threads());
  }

  static String describe(ModelConfig c) {
    return c.modelType()
        + " "
        + c.numLayers()
        + "x"
        + c.hiddenSize()
        + " heads "
        + c.numHeads()
        + " vocab "
        + c.vocabSize();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static int threads() {
    return Integer.getInteger(
        "ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
  }

  public static void main(String[] args) {
    System.out.println(run());
  }
}
