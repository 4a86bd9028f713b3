package io.seqtune.activities.dataset;

import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.spec.PipelineSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Builds the instruction dataset a spec asks for, or reuses the stored one with the same key. */
@ActivityInterface
public interface DatasetActivities {
  @ActivityMethod(name = "BuildDataset")
  DatasetRef buildDataset(PipelineSpec spec);
}
