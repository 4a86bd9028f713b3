package io.seqtune.activities.dataset;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;

/** The {@code BuildDataset} activity: {@link StoredDatasets} on a worker. */
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
}
