package io.seqtune.workers.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.seqtune.core.spec.PipelineSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Retraining schedules in Quartz's persistent job store. Opened alone it edits the store (what
 * {@code seqtune schedule ...} does, even while a scheduler process runs); {@link #startFiring}
 * makes this process the one that fires them ({@code seqtune scheduler}, {@code seqtune dev up}).
 */
public final class Schedules implements AutoCloseable {
  static final String GROUP = "retraining";
  private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}";

  private final Scheduler quartz;

  private Schedules(Scheduler quartz) {
    this.quartz = quartz;
  }

  /** Opens the job store described by {@code quartzProperties} (see {@link ScheduleDatabase}). */
  public static Schedules open(Properties quartzProperties) {
    return quartz(
        "open the schedule store",
        () -> new Schedules(new StdSchedulerFactory(quartzProperties).getScheduler()));
  }

  public ScheduleInfo add(
      String name, String cron, String timeZone, MisfirePolicy misfire, PipelineSpec spec) {
    List<String> problems = new ArrayList<>();
    if (name == null || !name.matches(NAME_PATTERN)) {
      problems.add("name: '" + name + "' must be 1-40 letters, digits, '_' or '-'");
    }
    if (!CronExpression.isValidExpression(cron)) {
      problems.add(
          "cron: '"
              + cron
              + "' is not a Quartz cron expression (seconds minutes hours day-of-month month"
              + " day-of-week [year], e.g. \"0 0 3 * * ?\" for 03:00 daily)");
    }
    TimeZone zone =
        timeZone == null ? TimeZone.getDefault() : TimeZone.getTimeZone(ZoneId.of(timeZone));
    spec.withDefaults().validate();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid schedule:\n  - " + String.join("\n  - ", problems));
    }
    JobDetail job =
        JobBuilder.newJob(RetrainingJob.class)
            .withIdentity(name, GROUP)
            .withDescription("FineTunePipeline on a cron schedule")
            .usingJobData(RetrainingJob.SPEC, json(spec))
            .build();
    CronTrigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(name, GROUP)
            .forJob(job)
            .withSchedule(misfire.applyTo(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone)))
            .build();
    return quartz(
        "add schedule " + name,
        () -> {
          if (quartz.checkExists(job.getKey())) {
            throw new IllegalArgumentException(
                "schedule '" + name + "' already exists: delete it first");
          }
          quartz.scheduleJob(job, trigger);
          return info(name);
        });
  }

  /** Every schedule, by name. */
  public List<ScheduleInfo> list() {
    return quartz(
        "list schedules",
        () -> {
          List<ScheduleInfo> out = new ArrayList<>();
          for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            out.add(info(key.getName()));
          }
          out.sort((a, b) -> a.name().compareTo(b.name()));
          return out;
        });
  }

  public ScheduleInfo get(String name) {
    return quartz("read schedule " + name, () -> info(name));
  }

  public void pause(String name) {
    quartz(
        "pause schedule " + name,
        () -> {
          quartz.pauseJob(existing(name));
          return null;
        });
  }

  public void resume(String name) {
    quartz(
        "resume schedule " + name,
        () -> {
          quartz.resumeJob(existing(name));
          return null;
        });
  }

  public void delete(String name) {
    quartz("delete schedule " + name, () -> quartz.deleteJob(existing(name)));
  }

  /** Fires the schedule now, once; the running scheduler process starts the run. */
  public void trigger(String name) {
    quartz(
        "trigger schedule " + name,
        () -> {
          quartz.triggerJob(existing(name));
          return null;
        });
  }

  /**
   * Makes this process fire due schedules (and missed ones, by their misfire policy) until closed.
   */
  public Schedules startFiring(RetrainingLauncher launcher) {
    return quartz(
        "start the scheduler",
        () -> {
          quartz.getContext().put(RetrainingJob.LAUNCHER, launcher);
          quartz.start();
          return this;
        });
  }

  private ScheduleInfo info(String name) throws SchedulerException {
    JobDetail job = quartz.getJobDetail(existing(name));
    TriggerKey key = TriggerKey.triggerKey(name, GROUP);
    CronTrigger trigger = (CronTrigger) quartz.getTrigger(key);
    return new ScheduleInfo(
        name,
        trigger.getCronExpression(),
        trigger.getTimeZone().getID(),
        MisfirePolicy.of(trigger.getMisfireInstruction()),
        quartz.getTriggerState(key).name(),
        instant(trigger.getNextFireTime()),
        instant(trigger.getPreviousFireTime()),
        job.getJobDataMap().getString(RetrainingJob.LAST_WORKFLOW_ID));
  }

  private JobKey existing(String name) throws SchedulerException {
    JobKey key = JobKey.jobKey(name, GROUP);
    if (!quartz.checkExists(key)) {
      throw new IllegalArgumentException(
          "no schedule named '" + name + "' (see `seqtune schedule list`)");
    }
    return key;
  }

  private static String instant(Date date) {
    return date == null ? null : date.toInstant().toString();
  }

  private static String json(PipelineSpec spec) {
    try {
      return RetrainingJob.JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the spec: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface QuartzCall<T> {
    T run() throws SchedulerException;
  }

  private static <T> T quartz(String what, QuartzCall<T> call) {
    try {
      return call.run();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops firing (letting a fire in progress finish starting its run) and releases the database.
   */
  @Override
  public void close() {
    quartz(
        "close the schedule store",
        () -> {
          quartz.shutdown(true);
          return null;
        });
  }
}
