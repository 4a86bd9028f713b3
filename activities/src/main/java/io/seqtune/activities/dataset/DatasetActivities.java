package io.seqtune.activities.dataset;

import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.spec.PipelineSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Builds the instruction dataset a spec asks for, and the pretraining corpus where it has a
 * pretraining stage, or reuses the stored ones with the same key.
 */
@ActivityInterface
public interface DatasetActivities {
  @ActivityMethod(name = "BuildDataset")
  DatasetRef buildDataset(PipelineSpec spec);

  /** The corpus of {@code spec.pretrain()}, free of {@code datasetKey}'s held-out molecules. */
  @ActivityMethod(name = "BuildCorpus")
  CorpusRef buildCorpus(PipelineSpec spec, String datasetKey);
}
