package io.seqtune.workers.cli;

import io.seqtune.chem.Isotopes;
import io.seqtune.chem.RoundTripCsv;
import io.seqtune.chem.RoundTripFile;
import io.seqtune.chem.RoundTripReport;
import io.seqtune.chem.Stereo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
      description = {
        "Parse each name with OPSIN and compare it with the row's structure (SMILES or InChI) by"
            + " standard InChI; prints a JSON report with a count per verdict.",
        "Names may have components joined by ';' (salts, hydrates) and SMILES by '.'."
      })
  static final class Roundtrip implements Callable<Integer> {
    /** Rows judged before a progress bar appears: short files print nothing but the report. */
    static final int PROGRESS_AFTER_ROWS = 5_000;

    @Option(names = "--input", required = true, description = "CSV, TSV or JSONL, optionally .gz.")
    Path input;

    @Option(names = "--name-col", required = true)
    String nameCol;

    @Option(names = "--structure-col", required = true)
    String structureCol;

    @Option(names = "--stereo", defaultValue = "strict", description = "strict or ignore.")
    String stereo;

    @Option(
        names = "--isotopes",
        defaultValue = "strict",
        description = "strict or ignore (ignore: a deuterated name matches unlabelled SMILES).")
    String isotopes;

    @Option(
        names = "--out",
        description = "Also write every row to this CSV: line,name,structure,verdict,reason.")
    Path out;

    @Override
    public Integer call() {
      RoundTripFile.Options options =
          new RoundTripFile.Options(
              nameCol,
              structureCol,
              choice("--stereo", stereo, Stereo.class),
              choice("--isotopes", isotopes, Isotopes.class));
      RoundTripReport report;
      try (RoundTripCsv csv = out == null ? null : RoundTripCsv.create(out);
          Progress progress = new Progress(input)) {
        Consumer<RoundTripFile.RowResult> eachRow = csv == null ? row -> {} : csv;
        report = RoundTripFile.run(input, options, eachRow.andThen(row -> progress.step()));
      }
      System.out.println(Cli.pretty(report));
      return 0;
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            option
                + " must be one of "
                + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList()
                + ", got '"
                + value
                + "'");
      }
    }
  }

  /** A bar on stderr with rows judged and their rate, once a file turns out to be long. */
  private static final class Progress implements AutoCloseable {
    private final String task;
    private ProgressBar bar;
    private long rows;

    Progress(Path input) {
      this.task = input.getFileName().toString();
    }

    void step() {
      rows++;
      if (bar == null && rows >= Roundtrip.PROGRESS_AFTER_ROWS) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setUnit(" rows", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        bar.stepTo(rows);
      } else if (bar != null) {
        bar.step();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
