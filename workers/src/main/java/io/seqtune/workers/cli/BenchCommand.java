package io.seqtune.workers.cli;

import io.seqtune.model.ComputeDtype;
import io.seqtune.model.bench.BenchModel;
import io.seqtune.model.bench.GenerateBenchmark;
import io.seqtune.model.bench.ModelShape;
import io.seqtune.model.bench.TrainBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput benchmarks with random weights; each prints one JSON object. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Training and generation throughput and peak memory (JSON).",
    subcommands = {
      BenchCommand.Train.class,
      BenchCommand.Generate.class,
      BenchPubchemCommand.class,
      BenchVerifyCommand.class,
      BenchEpochDataCommand.class
    })
final class BenchCommand {

  /** The model both benchmarks build: a preset shape, adjusted by the other options. */
  static final class Model {
    @Option(
        names = "--shape",
        defaultValue = "gpt2-4x256",
        description =
            "Preset: gpt2-4x256, gpt2-124m, opt-125m, opt-350m, opt-1.3b, gpt-neo-125m,"
                + " pythia-160m, smollm-135m (default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(
        names = "--arch",
        description = "gpt2, opt, gpt_neo, gpt_neox or llama, with the preset's sizes.")
    String arch;

    @Option(names = "--layers")
    Integer layers;

    @Option(names = "--hidden")
    Integer hidden;

    @Option(names = "--heads")
    Integer heads;

    @Option(names = "--vocab")
    Integer vocab;

    @Option(
        names = "--dtype",
        defaultValue = "float32",
        description = "Compute type: float32 or bfloat16 (float32 master weights).")
    String dtype;

    @Option(
        names = "--lora-rank",
        defaultValue = "0",
        description = "Train a LoRA adapter of this rank; with bfloat16 the frozen base is bf16.")
    int loraRank;

    @Option(names = "--batch", defaultValue = "16")
    int batch;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's).")
    Integer threads;

    BenchModel spec() {
      if (threads != null) {
        // Read once, when the engine loads: set before anything touches it.
        System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      ModelShape s = ModelShape.preset(shape);
      if (arch != null) {
        s = s.withArch(arch);
      }
      s =
          s.withSize(
              layers != null ? layers : s.layers(),
              hidden != null ? hidden : s.hidden(),
              heads != null ? heads : s.heads(),
              vocab != null ? vocab : s.vocab());
      return BenchModel.of(s).withDtype(ComputeDtype.parse(dtype)).withLoraRank(loraRank);
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "AdamW training steps: median step time, tokens/s, peak RSS, losses.")
  static final class Train implements Callable<Integer> {
    @Mixin Model model;

    @Option(names = "--seq", defaultValue = "128")
    int seq;

    @Option(names = "--steps", defaultValue = "10")
    int steps;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Override
    public Integer call() {
      TrainBenchmark.Result r = TrainBenchmark.run(model.spec(), model.batch, seq, warmup, steps);
      System.out.println(Cli.json(Cli.snakeCase(r)));
      return 0;
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Batched greedy or beam decoding with a KV cache: new tokens/s, peak RSS.")
  static final class Generate implements Callable<Integer> {
    @Mixin Model model;

    @Option(names = "--prompt", defaultValue = "16")
    int prompt;

    @Option(names = "--new-tokens", defaultValue = "112")
    int newTokens;

    @Option(names = "--beams", defaultValue = "1", description = "1 is greedy.")
    int beams;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Override
    public Integer call() {
      System.out.println(
          Cli.json(
              Cli.snakeCase(
                  GenerateBenchmark.run(
                      model.spec(), model.batch, prompt, newTokens, beams, runs))));
      return 0;
    }
  }
}
