package io.seqtune.workers.cli;

import io.seqtune.core.spec.PipelineSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a complete pipeline spec to start from. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    description = "Print a complete pipeline spec (JSON) with every default filled in.")
final class SpecCommand implements Callable<Integer> {
  @Option(
      names = "--tiny",
      description =
          "A spec that finishes in a couple of minutes on CPU (3 epochs, frequent checkpoints).")
  boolean tiny;

  static final String TINY =
      """
      {"task":"smiles2iupac",
       "data":{"size":300,"seed":11},
       "model":{"layers":2,"hidden":64,"heads":4,"maxLength":128},
       "train":{"epochs":3,"batchSize":16,"learningRate":0.003,"warmupSteps":5,"checkpointEverySteps":4,"keepCheckpoints":3},
       "eval":{"maxExamples":20,"maxNewTokens":60}}""";

  @Override
  public Integer call() throws Exception {
    PipelineSpec spec =
        Cli.JSON.readValue(tiny ? TINY : "{}", PipelineSpec.class).withDefaults().validate();
    System.out.println(Cli.pretty(spec));
    return 0;
  }
}
