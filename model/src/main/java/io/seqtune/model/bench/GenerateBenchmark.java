package io.seqtune.model.bench;

import io.seqtune.model.CausalLM;
import io.seqtune.model.Generator;
import io.seqtune.model.nn.PackedWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Batched decoding with the KV cache, greedy or beam search: new tokens per second (EOS never stops
 * it; a beam search's new tokens are counted once per prompt, not per beam).
 */
public final class GenerateBenchmark {
  private GenerateBenchmark() {}

  /**
   * {@code runS}: the median seconds of one generation run, {@code cpuS} its median CPU seconds
   * (all threads); {@code beams} 1 is greedy.
   */
  public record Result(
      String model,
      String method,
      int batch,
      int promptLen,
      int newTokens,
      int beams,
      int runs,
      double tokensPerS,
      double runS,
      double cpuS,
      int intraOpThreads,
      long peakRssMib) {}

  public static Result run() {
    return run(BenchModel.of(ModelShape.preset("gpt2-4x256")), 16, 16, 112, 1, 3);
  }

  public static Result run(
      BenchModel spec, int batchSize, int promptLen, int newTokens, int beams, int runs) {
    Random random = new Random(0);
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      prompts.add(random.ints(promptLen, 0, spec.shape().vocab()).toArray());
    }
    double[] seconds = new double[runs];
    double[] cpu = new double[runs];
    try (CausalLM model = spec.create(promptLen + newTokens, true);
        PackedWeights packed = model.packWeights()) {
      Generator generator = new Generator(model);
      decode(
          generator, prompts, newTokens,
          beams); // warm-up: one full run, so the JIT has compiled it
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        double cpuStart = CpuClock.seconds();
        decode(generator, prompts, newTokens, beams);
        seconds[i] = (System.nanoTime() - start) / 1e9;
        cpu[i] = CpuClock.seconds() - cpuStart;
      }
    }
    double median = TrainBenchmark.median(seconds);
    return new Result(
        spec.shape().describe(),
        (beams == 1 ? "greedy" : "beam " + beams) + ", " + spec.method(),
        batchSize,
        promptLen,
        newTokens,
        beams,
        runs,
        batchSize * newTokens / median,
        median,
        TrainBenchmark.median(cpu),
        TrainBenchmark.threads(),
        PeakMemory.residentMib());
  }

  private static void decode(Generator generator, List<int[]> prompts, int newTokens, int beams) {
    if (beams == 1) {
      generator.greedy(prompts, newTokens, -1);
    } else {
      generator.beam(prompts, beams, newTokens, -1, 1.0, 1);
    }
  }

  public static void main(String[] args) {
    System.out.println(run());
  }
}
