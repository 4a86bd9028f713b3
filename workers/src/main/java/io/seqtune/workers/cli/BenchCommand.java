package io.seqtune.workers.cli;

import io.seqtune.model.DeviceChoice;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.bench.GenerateBenchmark;
import io.seqtune.model.bench.TrainBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput benchmarks with random weights; each prints one JSON object. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Training and generation throughput (JSON).",
    subcommands = {
      BenchCommand.Train.class,
      BenchCommand.Generate.class,
      BenchPubchemCommand.class
    })
final class BenchCommand {

  /** The GPT-2 shape both benchmarks take. */
  static final class Shape {
    @Option(names = "--arch", defaultValue = "gpt2", description = "Architecture (gpt2).")
    String arch;

    @Option(names = "--layers", defaultValue = "4")
    int layers;

    @Option(names = "--hidden", defaultValue = "256")
    int hidden;

    @Option(names = "--heads", defaultValue = "4")
    int heads;

    @Option(names = "--vocab", defaultValue = "1000")
    int vocab;

    @Option(names = "--batch", defaultValue = "16")
    int batch;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's).")
    Integer threads;

    ModelConfig config(int maxPositions) {
      if (!"gpt2".equals(arch)) {
        throw new IllegalArgumentException("bench supports --arch gpt2 only (got " + arch + ")");
      }
      if (threads != null) {
        // Read once, when the engine loads: set before anything touches it.
        System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      return ModelConfig.gpt2(vocab, layers, hidden, heads, maxPositions, 0, 0, 0);
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Full AdamW training steps; median step time.")
  static final class Train implements Callable<Integer> {
    @Mixin Shape shape;

    @Option(names = "--seq", defaultValue = "128")
    int seq;

    @Option(names = "--steps", defaultValue = "10")
    int steps;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Override
    public Integer call() {
      TrainBenchmark.Result r =
          TrainBenchmark.run(shape.config(seq), shape.batch, seq, warmup, steps, DeviceChoice.CPU);
      System.out.println(Cli.json(Cli.snakeCase(r)));
      return 0;
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Batched greedy decoding with a KV cache.")
  static final class Generate implements Callable<Integer> {
    @Mixin Shape shape;

    @Option(names = "--prompt", defaultValue = "16")
    int prompt;

    @Option(names = "--new-tokens", defaultValue = "112")
    int newTokens;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Override
    public Integer call() {
      System.out.println(
          Cli.json(
              Cli.snakeCase(
                  GenerateBenchmark.run(
                      shape.config(prompt + newTokens),
                      shape.batch,
                      prompt,
                      newTokens,
                      runs,
                      DeviceChoice.CPU))));
      return 0;
    }
  }
}
