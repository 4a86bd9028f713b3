package io.seqtune.workers.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;

/**
 * What a schedule does about fires it missed (the scheduler was down at 03:00): run once as soon as
 * it is back, however many were missed, or skip them and wait for the next one.
 */
public enum MisfirePolicy {
  FIRE_ONCE(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
  SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

  private final int quartzInstruction;

  MisfirePolicy(int quartzInstruction) {
    this.quartzInstruction = quartzInstruction;
  }

  CronScheduleBuilder applyTo(CronScheduleBuilder cron) {
    return this == FIRE_ONCE
        ? cron.withMisfireHandlingInstructionFireAndProceed()
        : cron.withMisfireHandlingInstructionDoNothing();
  }

  static MisfirePolicy of(int quartzInstruction) {
    for (MisfirePolicy p : values()) {
      if (p.quartzInstruction == quartzInstruction) {
        return p;
      }
    }
    throw new IllegalStateException(
        "schedule has misfire instruction " + quartzInstruction + ", which seqtune never sets");
  }
}
