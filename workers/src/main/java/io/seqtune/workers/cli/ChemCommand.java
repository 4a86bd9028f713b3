package io.seqtune.workers.cli;

import io.seqtune.chem.RoundTripFile;
import io.seqtune.chem.Stereo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Chemistry checks from the command line. */
@Command(
    name = "chem",
    mixinStandardHelpOptions = true,
    description = "Chemistry tools.",
    subcommands = ChemCommand.Roundtrip.class)
final class ChemCommand {

  @Command(
      name = "roundtrip",
      mixinStandardHelpOptions = true,
      description =
          "Parse each name with OPSIN and compare it with the row's structure (SMILES or InChI); prints JSON.")
  static final class Roundtrip implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "CSV or TSV file.")
    Path input;

    @Option(names = "--name-col", required = true)
    String nameCol;

    @Option(names = "--structure-col", required = true)
    String structureCol;

    @Option(names = "--stereo", defaultValue = "strict", description = "strict or ignore.")
    String stereo;

    @Override
    public Integer call() {
      System.out.println(
          Cli.pretty(
              RoundTripFile.run(
                  input, nameCol, structureCol, Stereo.valueOf(stereo.toUpperCase()))));
      return 0;
    }
  }
}
