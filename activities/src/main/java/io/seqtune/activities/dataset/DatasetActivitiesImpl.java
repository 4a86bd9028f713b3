package io.seqtune.activities.dataset;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.corpus.StoredCorpora;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;

/**
 * The {@code BuildDataset} and {@code BuildCorpus} activities: {@link StoredDatasets} and {@link
 * StoredCorpora} on a worker.
 */
public final class DatasetActivitiesImpl implements DatasetActivities {
  private final WorkerContext context;

  public DatasetActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public DatasetRef buildDataset(PipelineSpec spec) {
    return ActivityFailures.translated(
        () -> new StoredDatasets(context).buildOrReuse(spec, AttemptScratch.current(context)));
  }

  @Override
  public CorpusRef buildCorpus(PipelineSpec spec, String datasetKey) {
    return ActivityFailures.translated(
        () ->
            new StoredCorpora(context)
                .buildOrReuse(spec, datasetKey, AttemptScratch.current(context)));
  }
}
