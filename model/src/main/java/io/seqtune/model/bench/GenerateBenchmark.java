package io.seqtune.model.bench;

import io.seqtune.model.CausalLM;
import io.seqtune.model.DeviceChoice;
import io.seqtune.model.Generator;
import io.seqtune.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Batched greedy decoding with the KV cache: new tokens per second (EOS never stops it). */
public final class GenerateBenchmark {
  private GenerateBenchmark() {}

  /** {@code runS}: the median seconds of one generation run. */
  public record Result(
      String model,
      int batch,
      int promptLen,
      int newTokens,
      int runs,
      double tokensPerS,
      double runS,
      int intraOpThreads) {}

  public static Result run() {
    return run(TrainBenchmark.defaultModel(), 16, 16, 112, 3, DeviceChoice.CPU);
  }

  public static Result run(
      ModelConfig config,
      int batchSize,
      int promptLen,
      int newTokens,
      int runs,
      DeviceChoice device) {
    Random random = new Random(0);
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      prompts.add(random.ints(promptLen, 0, config.vocabSize()).toArray());
    }
    double[] seconds = new double[runs];
    try (CausalLM model = CausalLM.random(config, 0, device)) {
      Generator generator = new Generator(model);
      generator.greedy(prompts, 4, -1); // warm-up
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        generator.greedy(prompts, newTokens, -1);
        seconds[i] = (System.nanoTime() - start) / 1e9;
      }
    }
    double median = TrainBenchmark.median(seconds);
    return new Result(
        TrainBenchmark.describe(config),
        batchSize,
        promptLen,
        newTokens,
        runs,
        batchSize * newTokens / median,
        median,
        TrainBenchmark.threads());
  }

  public static void main(String[] args) {
    System.out.println(run());
  }
}
