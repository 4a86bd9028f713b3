package io.seqtune.activities.registry;

import io.seqtune.core.registry.PromoteInput;
import io.seqtune.core.registry.PromotionResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Registers model versions and moves the champion alias; both idempotent. */
@ActivityInterface
public interface RegistryActivities {
  @ActivityMethod(name = "Promote")
  PromotionResult promote(PromoteInput input);
}
