package io.seqtune.activities.training;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.EpochTrainer;
import io.seqtune.core.training.PretrainEpochInput;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.core.training.TrainingProgress;
import io.seqtune.core.training.TrainingStopped;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The {@code TrainEpoch} and {@code PretrainEpoch} activities: an {@link EpochTrainer} heartbeating
 * through Temporal. A retried attempt reads the previous attempt's last heartbeat for the
 * checkpoint to resume from; a cancelled one completes as cancelled once its checkpoint is written.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
  private final WorkerContext context;

  public TrainingActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EpochResult trainEpoch(TrainEpochInput in) {
    return attempt(
        in.epoch(), (work, heartbeats) -> new EpochTrainer(context, in, work, heartbeats));
  }

  @Override
  public EpochResult pretrainEpoch(PretrainEpochInput in) {
    return attempt(
        in.epoch(), (work, heartbeats) -> EpochTrainer.pretraining(context, in, work, heartbeats));
  }

  private EpochResult attempt(int epoch, BiFunction<Path, Heartbeats, EpochTrainer> trainerOf) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    // Until the first step, keep re-sending what the previous attempt reported: its checkpoint key.
    TrainingProgress before =
        activity.getHeartbeatDetails(TrainingProgress.class).orElse(TrainingProgress.before(epoch));
    EpochTrainer trainer =
        trainerOf.apply(AttemptScratch.current(context), new Heartbeats(activity, before));
    try {
      return ActivityFailures.translated(
          () -> trainer.train(before.checkpointKey(), activity.getInfo().getAttempt()));
    } catch (TrainingStopped stopped) {
      throw stopped.signal();
    }
  }
}
