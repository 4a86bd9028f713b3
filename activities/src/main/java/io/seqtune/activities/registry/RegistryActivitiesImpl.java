package io.seqtune.activities.registry;

import io.seqtune.activities.WorkerContext;
import io.seqtune.activities.store.Hashing;
import io.seqtune.activities.training.Checkpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Registers the run's final model as version {@code <runId>} (once) and offers it for champion. */
public final class RegistryActivitiesImpl implements RegistryActivities {
  private final WorkerContext context;

  public RegistryActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public PromotionResult promote(PromoteInput in) {
    context.metrics().attempt("Promote");
    ModelRegistry registry = new ModelRegistry(context.store());
    String task = in.spec().task();
    Path work = context.scratch("promote", in.runId() + "-" + UUID.randomUUID());
    try {
      ModelVersion version =
          registry
              .find(task, in.runId())
              .orElseGet(
                  () -> {
                    Checkpoints.Loaded checkpoint =
                        new Checkpoints(context.store())
                            .firstIntact(List.of(in.checkpointKey()), work)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "checkpoint "
                                            + in.checkpointKey()
                                            + " is missing or corrupt"));
                    Path model = checkpoint.modelDir();
                    String sha256 = Hashing.sha256(model.resolve("model.safetensors"));
                    writeCard(model, in, sha256);
                    return registry.register(
                        new ModelVersion(
                            task,
                            in.runId(),
                            in.runId(),
                            in.spec().model().base(),
                            in.datasetKey(),
                            in.checkpointKey(),
                            in.metrics(),
                            sha256,
                            null),
                        model);
                  });
      if (!in.spec().promote().enabled()) {
        return new PromotionResult(
            task, version.version(), version.weightsSha256(), false, "promotion disabled by spec");
      }
      Promotion p =
          registry.promote(
              version, in.spec().promote().metric(), in.spec().promote().minImprovement());
      return new PromotionResult(
          task, version.version(), version.weightsSha256(), p.promoted(), p.reason());
    } catch (RuntimeException e) {
      context.metrics().failure("Promote");
      throw e;
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }

  /** The card goes in before registering: a version is immutable once its manifest is written. */
  private static void writeCard(Path model, PromoteInput in, String sha256) {
    try {
      Files.writeString(
          model.resolve(ModelCard.FILE_NAME),
          ModelCard.markdown(in, sha256),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model card into " + model, e);
    }
  }
}
