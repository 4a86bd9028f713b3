package io.seqtune.activities.registry;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.registry.ModelPromoter;
import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;

/** The {@code Promote} activity: a {@link ModelPromoter} on a worker. */
public final class RegistryActivitiesImpl implements RegistryActivities {
  private final WorkerContext context;

  public RegistryActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public PromotionResult promote(PromoteInput in) {
    return ActivityFailures.translated(
        () -> new ModelPromoter(context).registerAndPromote(in, AttemptScratch.current(context)));
  }
}
