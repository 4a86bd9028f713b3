package io.seqtune.workers.cli;

import io.seqtune.model.LmTools;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a Hugging Face model directory from outside: logits, one training step, generation. */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description = "Run a Hugging Face model directory directly.",
    subcommands = {LmCommand.Logits.class, LmCommand.TrainStep.class, LmCommand.Generate.class})
final class LmCommand {

  @Command(
      name = "logits",
      mixinStandardHelpOptions = true,
      description =
          "Read int64 input_ids and attention_mask from a safetensors file; write float32 logits.")
  static final class Logits implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--adapter", description = "A PEFT LoRA adapter directory to apply.")
    Path adapter;

    @Option(names = "--input", required = true)
    Path input;

    @Option(names = "--output", required = true)
    Path output;

    @Override
    public Integer call() {
      LmTools.logits(model, adapter, input, output);
      return 0;
    }
  }

  @Command(
      name = "train-step",
      mixinStandardHelpOptions = true,
      description =
          "One AdamW step (betas 0.9/0.999, eps 1e-8, no weight decay) with labels = input_ids; prints JSON.")
  static final class TrainStep implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--input", required = true)
    Path input;

    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;

    @Override
    public Integer call() {
      LmTools.TrainStepReport r = LmTools.trainStep(model, input, lr);
      System.out.println(
          Cli.json(
              Map.of(
                  "loss_before",
                  r.loss(),
                  "grad_norm",
                  r.gradNorm(),
                  "loss_after",
                  r.lossAfter())));
      return 0;
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Greedy or beam-search continuation of prompt ids; prints {\"ids\":[…]} with the prompt included.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--prompt-ids", required = true, split = ",")
    long[] promptIds;

    @Option(names = "--max-new-tokens", required = true)
    int maxNewTokens;

    @Option(names = "--beams", defaultValue = "1")
    int beams;

    @Option(names = "--no-eos", description = "Do not stop at end-of-sequence.")
    boolean noEos;

    @Override
    public Integer call() {
      long[] ids = LmTools.generate(model, promptIds, maxNewTokens, beams, !noEos);
      System.out.println(Cli.json(Map.of("ids", Arrays.stream(ids).boxed().toList())));
      return 0;
    }
  }
}
