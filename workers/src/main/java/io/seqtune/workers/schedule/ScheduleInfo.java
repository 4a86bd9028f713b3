package io.seqtune.workers.schedule;

/**
 * One retraining schedule as the job store holds it; fire times are ISO-8601 instants (JSON as is),
 * {@code lastWorkflowId} is its latest started run.
 */
public record ScheduleInfo(
    String name,
    String cron,
    String timeZone,
    MisfirePolicy misfire,
    String state,
    String nextFireTime,
    String previousFireTime,
    String lastWorkflowId) {}
