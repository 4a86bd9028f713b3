package io.seqtune.core.training;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.corpus.StoredCorpora;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.core.spec.TrainSpec;
import io.seqtune.model.Batch;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * Pretraining: the corpus's texts as a plain causal language model, the loss on every token of each
 * text. It starts from a fresh model whose tokenizer is fitted on the corpus and the dataset's
 * training split, which fine-tuning then keeps.
 */
final class PretrainingPlan implements PhasePlan {
  private final PretrainEpochInput in;

  PretrainingPlan(PretrainEpochInput in) {
    this.in = in;
  }

  @Override
  public Phase phase() {
    return Phase.PRETRAINING;
  }

  @Override
  public TrainSpec train() {
    return in.spec().pretrain().training(in.spec().train());
  }

  @Override
  public Splits open(WorkerContext context) {
    return EpochTrainer.splits(StoredCorpora.local(context, in.corpusKey()));
  }

  @Override
  public ModelBundle start(WorkerContext context, Splits data, Path work) {
    Path dataset =
        DatasetFiles.local(context.store(), in.datasetKey(), context.scratch("datasets"));
    try (ExampleFile fineTuning = DatasetFiles.splitFile(dataset, DatasetFiles.TRAIN)) {
      Iterable<String> texts =
          () ->
              StreamSupport.stream(data.train().spliterator(), false)
                  .map(Example::input)
                  .iterator();
      return ModelBundle.startPretraining(in.spec(), texts, fineTuning);
    }
  }

  @Override
  public Batch batch(ModelBundle bundle, ExampleFile file, IntStream positions, int maxLength) {
    return TrainingBatch.ofTexts(bundle, file, positions, maxLength);
  }
}
