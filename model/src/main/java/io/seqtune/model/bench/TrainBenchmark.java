package io.seqtune.model.bench;

import io.seqtune.model.Batch;
import io.seqtune.model.CausalLM;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training throughput: full steps (forward, backward, clipping, AdamW) on random tokens, dropout
 * off, of a random model of any {@link ModelShape}, fully or with LoRA, in float32 or bfloat16
 * compute. The default is the reference shape: GPT-2, 4 layers x 256 hidden, 4 heads, vocab 1000,
 * sequence 128, batch 16.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /**
   * {@code stepS}: the median seconds of one step; {@code losses}: the loss of every step, warm-up
   * included; {@code peakRssMib}: the process's peak resident memory; {@code cpuS}: the median CPU
   * seconds (all threads) of one step.
   */
  public record Result(
      String model,
      String method,
      long parameters,
      long trainableParameters,
      int batch,
      int seqLen,
      int steps,
      double tokensPerS,
      double stepS,
      double cpuS,
      int intraOpThreads,
      long peakRssMib,
      double[] losses) {}

  public static Result run() {
    return run(BenchModel.of(ModelShape.preset("gpt2-4x256")), 16, 128, 3, 20);
  }

  public static Result run(BenchModel spec, int batchSize, int seqLen, int warmupSteps, int steps) {
    Random random = new Random(0);
    List<int[]> sequences = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      sequences.add(random.ints(seqLen, 0, spec.shape().vocab()).toArray());
    }
    Batch batch = Batch.ofSequences(sequences, 0, seqLen);
    double[] seconds = new double[steps];
    double[] cpu = new double[steps];
    double[] losses = new double[warmupSteps + steps];
    long parameters;
    long trainable;
    // A learning rate that moves a random model visibly within a few steps.
    TrainConfig config = TrainConfig.builder().learningRate(1e-3).schedule("constant").build();
    try (CausalLM model = spec.create(seqLen, false);
        Trainer trainer = new Trainer(model, config, warmupSteps + steps)) {
      parameters = model.parameterCount();
      trainable = model.trainableParameters().stream().mapToLong(p -> p.value().size()).sum();
      for (int i = 0; i < warmupSteps + steps; i++) {
        long start = System.nanoTime();
        double cpuStart = CpuClock.seconds();
        losses[i] = trainer.step(batch).loss();
        if (i >= warmupSteps) {
          seconds[i - warmupSteps] = (System.nanoTime() - start) / 1e9;
          cpu[i - warmupSteps] = CpuClock.seconds() - cpuStart;
        }
      }
    }
    double median = median(seconds);
    return new Result(
        spec.shape().describe(),
        spec.method(),
        parameters,
        trainable,
        batchSize,
        seqLen,
        steps,
        batchSize * seqLen / median,
        median,
        median(cpu),
        threads(),
        PeakMemory.residentMib(),
        losses);
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
