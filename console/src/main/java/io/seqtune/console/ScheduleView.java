package io.seqtune.console;

/**
 * One retraining schedule as the console shows it; times are ISO-8601 instants or null.
 *
 * @param lastRunId the run its latest fire started, or null
 */
public record ScheduleView(
    String name,
    String cron,
    String timeZone,
    String state,
    String nextFireTime,
    String previousFireTime,
    String lastRunId) {}
