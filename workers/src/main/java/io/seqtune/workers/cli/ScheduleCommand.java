package io.seqtune.workers.cli;

import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workers.schedule.MisfirePolicy;
import io.seqtune.workers.schedule.ScheduleInfo;
import io.seqtune.workers.schedule.Schedules;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seqtune schedule add|list|pause|resume|delete|trigger}: edits the retraining schedules in
 * the job store. A {@code seqtune scheduler} (or {@code seqtune dev up}) process fires them.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Retraining schedules: a pipeline spec started on a cron schedule.",
      "Fired by `seqtune scheduler` or `seqtune dev up`; each fire's workflow id is sched-<name>-<fire time ms>."
    },
    subcommands = {
      ScheduleCommand.Add.class,
      ScheduleCommand.ListSchedules.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Resume.class,
      ScheduleCommand.Delete.class,
      ScheduleCommand.Trigger.class
    })
final class ScheduleCommand {

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a schedule.")
  static final class Add implements Callable<Integer> {
    @Mixin ScheduleStoreOptions store;

    @Option(
        names = "--name",
        required = true,
        description = "Schedule name (letters, digits, '_', '-').")
    String name;

    @Option(
        names = "--cron",
        required = true,
        description = "Quartz cron, e.g. \"0 0 3 * * ?\" (03:00 daily).")
    String cron;

    @Option(
        names = "--spec",
        required = true,
        description = "Pipeline spec JSON (see `seqtune spec`).")
    Path specFile;

    @Option(
        names = "--time-zone",
        description = "Zone the cron is read in (default: this machine's).")
    String timeZone;

    @Option(
        names = "--misfire",
        defaultValue = "FIRE_ONCE",
        description =
            "Missed fires (scheduler down): FIRE_ONCE runs once when back, SKIP waits for the next (default ${DEFAULT-VALUE}).")
    MisfirePolicy misfire;

    @Override
    public Integer call() throws Exception {
      PipelineSpec spec = Cli.readPipelineSpec(specFile);
      try (Schedules schedules = store.open()) {
        ScheduleInfo added = schedules.add(name, cron, timeZone, misfire, spec);
        System.out.println(
            "schedule " + added.name() + " added; next fire " + added.nextFireTime());
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List schedules with their next fire times.")
  static final class ListSchedules implements Callable<Integer> {
    @Mixin ScheduleStoreOptions store;

    @Option(names = "--json", description = "One JSON array.")
    boolean json;

    @Override
    public Integer call() {
      try (Schedules schedules = store.open()) {
        List<ScheduleInfo> all = schedules.list();
        if (json) {
          System.out.println(Cli.json(all));
          return 0;
        }
        System.out.printf(
            "%-20s %-18s %-8s %-10s %-26s %s%n",
            "NAME", "CRON", "STATE", "MISFIRE", "NEXT FIRE", "LAST RUN");
        for (ScheduleInfo s : all) {
          System.out.printf(
              "%-20s %-18s %-8s %-10s %-26s %s%n",
              s.name(),
              s.cron(),
              s.state(),
              s.misfire(),
              s.nextFireTime(),
              s.lastWorkflowId() == null ? "-" : s.lastWorkflowId());
        }
      }
      return 0;
    }
  }

  /** The commands that act on one named schedule. */
  abstract static class Named implements Callable<Integer> {
    @Mixin ScheduleStoreOptions store;

    @Parameters(index = "0", description = "Schedule name.")
    String name;

    abstract String act(Schedules schedules);

    @Override
    public Integer call() {
      try (Schedules schedules = store.open()) {
        System.out.println("schedule " + name + " " + act(schedules));
      }
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Stop firing a schedule until resumed.")
  static final class Pause extends Named {
    @Override
    String act(Schedules schedules) {
      schedules.pause(name);
      return "paused";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Fire a paused schedule again.")
  static final class Resume extends Named {
    @Override
    String act(Schedules schedules) {
      schedules.resume(name);
      return "resumed; next fire " + schedules.get(name).nextFireTime();
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Remove a schedule (runs it started are kept).")
  static final class Delete extends Named {
    @Override
    String act(Schedules schedules) {
      schedules.delete(name);
      return "deleted";
    }
  }

  @Command(
      name = "trigger",
      mixinStandardHelpOptions = true,
      description = "Fire a schedule once now; the running scheduler starts the run.")
  static final class Trigger extends Named {
    @Override
    String act(Schedules schedules) {
      schedules.trigger(name);
      return "triggered (started by the running scheduler within seconds)";
    }
  }

  private ScheduleCommand() {}
}
