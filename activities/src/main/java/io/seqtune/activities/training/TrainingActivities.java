package io.seqtune.activities.training;

import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.PretrainEpochInput;
import io.seqtune.core.training.TrainEpochInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Training on the GPU task queue: one epoch per call, of fine-tuning or of the pretraining stage,
 * heartbeating progress and checkpointing to the store.
 */
@ActivityInterface
public interface TrainingActivities {
  @ActivityMethod(name = "TrainEpoch")
  EpochResult trainEpoch(TrainEpochInput input);

  @ActivityMethod(name = "PretrainEpoch")
  EpochResult pretrainEpoch(PretrainEpochInput input);
}
