package io.seqtune.activities.registry;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.registry.ModelPromoter;
import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;
import java.nio.file.Path;
import java.util.UUID;

/** The {@code Promote} activity: a {@link ModelPromoter} on a worker. */
public final class RegistryActivitiesImpl implements RegistryActivities {
  private final WorkerContext context;

  public RegistryActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public PromotionResult promote(PromoteInput in) {
    context.metrics().attempt("Promote");
    Path work = context.scratch("promote", in.runId() + "-" + UUID.randomUUID());
    try {
      return new ModelPromoter(context).registerAndPromote(in, work);
    } catch (RuntimeException e) {
      context.metrics().failure("Promote");
      throw ActivityFailures.translate(e);
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }
}
