package io.seqtune.workers.schedule;

import java.time.Instant;

/** One retraining schedule as the job store holds it; {@code lastWorkflowId} is its latest started run. */
public record ScheduleInfo(
    String name,
    String cron,
    String timeZone,
    MisfirePolicy misfire,
    String state,
    Instant nextFireTime,
    Instant previousFireTime,
    String lastWorkflowId) {}
