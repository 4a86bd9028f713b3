package io.seqtune.workers.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.spec.PipelineSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a complete pipeline spec to start from. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    description = "Print a complete pipeline spec (JSON) with every default filled in.",
    footer = {
      "",
      "The optional \"pretrain\" section (--pretrain shows its defaults) pretrains a model from"
          + " scratch as a plain language model on unpaired texts before fine-tuning:",
      "  epochs (3), size (20000 texts), source (synthetic: each molecule's SMILES and name as"
          + " two texts; file: one text per line, plain or .gz, CID<TAB>text as PubChem has it),",
      "  path (source file), seed (101, synthetic molecules), learningRate (train.learningRate)."
          + " Texts naming a validation or test molecule are left out."
    })
final class SpecCommand implements Callable<Integer> {
  @Option(
      names = "--tiny",
      description =
          "A spec that finishes in a couple of minutes on CPU (3 epochs, frequent checkpoints).")
  boolean tiny;

  @Option(
      names = "--pretrain",
      description = "Include the optional pretraining stage with its defaults.")
  boolean pretrain;

  static final String TINY =
      """
      {"task":"smiles2iupac",
       "data":{"size":300,"seed":11},
       "model":{"layers":2,"hidden":64,"heads":4,"maxLength":128},
       "train":{"epochs":3,"batchSize":16,"learningRate":0.003,"warmupSteps":5,"checkpointEverySteps":4,"keepCheckpoints":3},
       "eval":{"maxExamples":20,"maxNewTokens":60}}""";

  @Override
  public Integer call() throws Exception {
    ObjectNode requested = (ObjectNode) Cli.JSON.readTree(tiny ? TINY : "{}");
    if (pretrain) {
      requested.putObject("pretrain");
    }
    PipelineSpec spec =
        Cli.JSON.treeToValue(requested, PipelineSpec.class).withDefaults().validate();
    System.out.println(Cli.pretty(spec));
    return 0;
  }
}
