package io.seqtune.console;

import java.util.List;

/** The retraining schedules, from the scheduler's job store (the caller knows where it is). */
@FunctionalInterface
public interface ScheduleSource {
  ScheduleSource NONE = List::of;

  List<ScheduleView> list();
}
