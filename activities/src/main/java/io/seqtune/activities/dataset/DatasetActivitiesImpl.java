package io.seqtune.activities.dataset;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.UUID;

/** The {@code BuildDataset} activity: {@link StoredDatasets} on a worker. */
public final class DatasetActivitiesImpl implements DatasetActivities {
  static final String ACTIVITY = "BuildDataset";

  private final WorkerContext context;

  public DatasetActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public DatasetRef buildDataset(PipelineSpec spec) {
    context.metrics().attempt(ACTIVITY);
    Path work = context.scratch("dataset-upload", UUID.randomUUID().toString());
    try {
      return new StoredDatasets(context).buildOrReuse(spec, work);
    } catch (RuntimeException e) {
      context.metrics().failure(ACTIVITY);
      throw ActivityFailures.translate(e);
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }
}
