package io.seqtune.core.training;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.core.spec.TrainSpec;
import io.seqtune.model.Batch;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Fine-tuning: the dataset's training and validation splits as prompt and response, the loss on the
 * response. Without a checkpoint of its own it starts from the pretraining stage's last checkpoint
 * if the run has one (fresh optimizer, own schedule), else from the base model.
 */
final class FineTuningPlan implements PhasePlan {
  private final TrainEpochInput in;

  FineTuningPlan(TrainEpochInput in) {
    this.in = in;
  }

  @Override
  public Phase phase() {
    return Phase.FINE_TUNING;
  }

  @Override
  public TrainSpec train() {
    return in.spec().train();
  }

  @Override
  public Splits open(WorkerContext context) {
    Path data = DatasetFiles.local(context.store(), in.datasetKey(), context.scratch("datasets"));
    return EpochTrainer.splits(data);
  }

  @Override
  public ModelBundle start(WorkerContext context, Splits data, Path work) {
    if (in.pretrained() == null) {
      return ModelBundle.start(in.spec(), data.train());
    }
    Path model =
        new Checkpoints(context.store(), Phase.PRETRAINING)
            .fetch(in.pretrained(), work.resolve("pretrained"))
            .modelDir();
    return ModelBundle.load(model, ModelBundle.device(in.spec()), in.spec().train().computeDtype());
  }

  @Override
  public Batch batch(ModelBundle bundle, ExampleFile file, IntStream positions, int maxLength) {
    return TrainingBatch.of(bundle, file, positions, maxLength);
  }
}
