package io.seqtune.workers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqtune.core.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job store on its own: schedules persist in the H2 file across Quartz instances and are edited
 * in place.
 */
class SchedulesTest {
  static final PipelineSpec SPEC =
      new PipelineSpec("smiles2iupac", null, null, null, null, null, null, null, Map.of());

  @Test
  void addedScheduleIsListedWithItsNextFireTimeAndSurvivesARestart(@TempDir Path home) {
    try (Schedules schedules = Schedules.open(ScheduleDatabase.embedded(home))) {
      ScheduleInfo added =
          schedules.add("nightly", "0 0 3 * * ?", "UTC", MisfirePolicy.FIRE_ONCE, SPEC);
      Instant nextFire = Instant.parse(added.nextFireTime());
      ZonedDateTime next = nextFire.atZone(ZoneOffset.UTC);
      assertThat(next.getHour()).isEqualTo(3);
      assertThat(next.getMinute()).isZero();
      assertThat(nextFire).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(86_400));
      schedules.add("weekly", "0 30 4 ? * SUN", null, MisfirePolicy.SKIP, SPEC);
    }
    // A new Quartz instance on the same file: what a restarted `seqtune scheduler` sees.
    try (Schedules reopened = Schedules.open(ScheduleDatabase.embedded(home))) {
      assertThat(reopened.list())
          .extracting(ScheduleInfo::name)
          .containsExactly("nightly", "weekly");
      ScheduleInfo nightly = reopened.get("nightly");
      assertThat(nightly.cron()).isEqualTo("0 0 3 * * ?");
      assertThat(nightly.timeZone()).isEqualTo("UTC");
      assertThat(nightly.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE);
      assertThat(nightly.state()).isEqualTo("NORMAL");
      assertThat(nightly.nextFireTime()).isNotNull();
      assertThat(nightly.lastWorkflowId()).isNull();
      assertThat(reopened.get("weekly").misfire()).isEqualTo(MisfirePolicy.SKIP);
    }
  }

  @Test
  void pauseResumeAndDeletePersist(@TempDir Path home) {
    try (Schedules schedules = Schedules.open(ScheduleDatabase.embedded(home))) {
      schedules.add("nightly", "0 0 3 * * ?", null, MisfirePolicy.FIRE_ONCE, SPEC);
      schedules.pause("nightly");
    }
    try (Schedules schedules = Schedules.open(ScheduleDatabase.embedded(home))) {
      assertThat(schedules.get("nightly").state()).isEqualTo("PAUSED");
      schedules.resume("nightly");
      assertThat(schedules.get("nightly").state()).isEqualTo("NORMAL");
      schedules.delete("nightly");
      assertThat(schedules.list()).isEmpty();
      assertThatThrownBy(() -> schedules.pause("nightly"))
          .hasMessageContaining("no schedule named 'nightly'");
    }
  }

  @Test
  void aQuartzPropertiesFileNamesTheStoreWithValuesFromTheEnvironment(@TempDir Path home)
      throws Exception {
    try (Schedules schedules = Schedules.open(ScheduleDatabase.embedded(home))) {
      schedules.add("nightly", "0 0 3 * * ?", null, MisfirePolicy.FIRE_ONCE, SPEC);
    }
    Path file =
        Files.writeString(
            home.resolve("quartz.properties"),
            """
        org.quartz.jobStore.driverDelegateClass=org.quartz.impl.jdbcjobstore.StdJDBCDelegate
        org.quartz.dataSource.seqtune.provider=hikaricp
        org.quartz.dataSource.seqtune.driver=org.h2.Driver
        org.quartz.dataSource.seqtune.URL=jdbc:h2:file:${DB_DIR}/quartz;AUTO_SERVER=TRUE
        org.quartz.dataSource.seqtune.user=sa
        org.quartz.dataSource.seqtune.password=${DB_PASSWORD}
        """);
    Map<String, String> env =
        Map.of("DB_DIR", home.resolve("schedules").toAbsolutePath().toString(), "DB_PASSWORD", "");
    try (Schedules shared = Schedules.open(ScheduleDatabase.fromFile(file, env))) {
      assertThat(shared.list()).extracting(ScheduleInfo::name).containsExactly("nightly");
    }
    assertThatThrownBy(() -> ScheduleDatabase.fromFile(file, Map.of()))
        .hasMessageContaining("quartz.properties refers to ${DB_")
        .hasMessageContaining("which is not set");
  }

  @Test
  void badScheduleIsRefusedNamingEveryProblem(@TempDir Path home) {
    try (Schedules schedules = Schedules.open(ScheduleDatabase.embedded(home))) {
      assertThatThrownBy(
              () -> schedules.add("bad name!", "every night", null, MisfirePolicy.FIRE_ONCE, SPEC))
          .hasMessageContaining("name: 'bad name!'")
          .hasMessageContaining("cron: 'every night'");
      PipelineSpec badSpec =
          new PipelineSpec("smiles2klingon", null, null, null, null, null, null, null, Map.of());
      assertThatThrownBy(
              () -> schedules.add("nightly", "0 0 3 * * ?", null, MisfirePolicy.FIRE_ONCE, badSpec))
          .hasMessageContaining("task: 'smiles2klingon'");
      schedules.add("nightly", "0 0 3 * * ?", null, MisfirePolicy.FIRE_ONCE, SPEC);
      assertThatThrownBy(
              () -> schedules.add("nightly", "0 0 4 * * ?", null, MisfirePolicy.FIRE_ONCE, SPEC))
          .hasMessageContaining("already exists");
    }
  }
}
