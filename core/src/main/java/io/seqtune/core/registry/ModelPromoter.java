package io.seqtune.core.registry;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.store.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers a run's final model as version {@code <runId>} (once, with its model card) and offers
 * it for champion under the spec's promotion rule.
 */
public final class ModelPromoter {
  private final WorkerContext context;

  public ModelPromoter(WorkerContext context) {
    this.context = context;
  }

  /** {@code work} is this attempt's scratch directory. */
  public PromotionResult registerAndPromote(PromoteInput in, Path work) {
    ModelRegistry registry = new ModelRegistry(context.store());
    String task = in.spec().task();
    ModelVersion version =
        registry.find(task, in.runId()).orElseGet(() -> register(registry, in, work));
    if (!in.spec().promote().enabled()) {
      return new PromotionResult(
          task, version.version(), version.weightsSha256(), false, "promotion disabled by spec");
    }
    Promotion p =
        registry.promote(
            version,
            in.spec().promote().metric(),
            in.spec().promote().minImprovement(),
            in.spec().promote().minValue());
    return new PromotionResult(
        task, version.version(), version.weightsSha256(), p.promoted(), p.reason());
  }

  private ModelVersion register(ModelRegistry registry, PromoteInput in, Path work) {
    Path model = new Checkpoints(context.store()).fetch(in.checkpointKey(), work).modelDir();
    String sha256 = Hashing.sha256(model.resolve("model.safetensors"));
    writeCard(model, in, sha256);
    return registry.register(ModelVersion.ofRun(in, sha256), model);
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
