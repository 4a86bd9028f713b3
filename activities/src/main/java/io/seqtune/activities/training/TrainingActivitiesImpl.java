package io.seqtune.activities.training;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.EpochTrainer;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.core.training.TrainingProgress;
import io.seqtune.core.training.TrainingStopped;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * The {@code TrainEpoch} activity: an {@link EpochTrainer} heartbeating through Temporal. A retried
 * attempt reads the previous attempt's last heartbeat for the checkpoint to resume from; a
 * cancelled one completes as cancelled once its checkpoint is written.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
  private final WorkerContext context;

  public TrainingActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EpochResult trainEpoch(TrainEpochInput in) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    // Until the first step, keep re-sending what the previous attempt reported: its checkpoint key.
    TrainingProgress before =
        activity
            .getHeartbeatDetails(TrainingProgress.class)
            .orElse(TrainingProgress.before(in.epoch()));
    EpochTrainer trainer =
        new EpochTrainer(
            context, in, AttemptScratch.current(context), new Heartbeats(activity, before));
    try {
      return ActivityFailures.translated(
          () -> trainer.train(before.checkpointKey(), activity.getInfo().getAttempt()));
    } catch (TrainingStopped stopped) {
      throw stopped.signal();
    }
  }
}
