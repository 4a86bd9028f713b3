package io.seqtune.workers.cli;

import io.seqtune.workers.schedule.ScheduleDatabase;
import io.seqtune.workers.schedule.Schedules;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the schedules live: the embedded H2 file under --home, or the job store a quartz.properties
 * names.
 */
final class ScheduleStoreOptions {
  @Option(
      names = "--home",
      defaultValue = "${env:SEQTUNE_HOME:-.seqtune}",
      description =
          "Local state directory; schedules are in <home>/schedules (default ${DEFAULT-VALUE}).")
  Path home;

  @Option(
      names = "--quartz-properties",
      defaultValue = "${env:SEQTUNE_QUARTZ_PROPERTIES}",
      description =
          "A quartz.properties naming a shared job store (PostgreSQL in deploy/) instead of the H2 file.")
  Path quartzProperties;

  Properties properties() {
    return quartzProperties == null
        ? ScheduleDatabase.embedded(home)
        : ScheduleDatabase.fromFile(quartzProperties, Cli.environment);
  }

  Schedules open() {
    return Schedules.open(properties());
  }
}
