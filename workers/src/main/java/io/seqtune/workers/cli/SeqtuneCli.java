package io.seqtune.workers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seqtune} command: run, watch and operate fine-tuning pipelines. */
@Command(
    name = "seqtune",
    mixinStandardHelpOptions = true,
    version = "seqtune 0.1.0",
    description =
        "Instruction fine-tuning of small causal language models for sequence tasks, on Temporal.",
    subcommands = {
      DemoCommand.class,
      DevCommand.class,
      ConsoleCommand.class,
      WorkerCommand.class,
      RunCommand.class,
      StatusCommand.class,
      CancelCommand.class,
      ResumeCommand.class,
      RunsCommand.class,
      SpecCommand.class,
      TranslateCommand.class,
      ModelsCommand.class,
      LmCommand.class,
      BenchCommand.class,
      ChemCommand.class,
      ScheduleCommand.class,
      SchedulerCommand.class,
      SweepCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SeqtuneCli {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with seqtune's error handling: a clear message, no stack trace, exit code 1.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SeqtuneCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("seqtune: " + Cli.describe(e));
          return 1;
        });
    return cli;
  }
}
