package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.model.io.SafetensorsReader;
import io.seqtune.model.io.SafetensorsWriter;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.Parameter;
import io.seqtune.model.nn.Tensors;
import io.seqtune.model.train.AdamW;
import io.seqtune.model.train.Autograd;
import io.seqtune.model.train.LrSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link CausalLM} (or only its LoRA adapter, when one is attached): forward, backward,
 * gradient accumulation, clipping, AdamW and the learning-rate schedule. Each call runs in its own
 * NDScope, so a long-running worker can call it indefinitely; dropout is seeded from (seed, step,
 * micro-step), so a run resumed from {@link #saveState} continues bit-identically on CPU.
 */
public final class Trainer implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CausalLM model;
  private final TrainConfig config;
  private final long totalSteps;
  private final LrSchedule schedule;
  private final List<Parameter> trainable;
  private final AdamW optimizer;
  private int microStep; // micro-batches accumulated towards the next optimizer step

  public Trainer(CausalLM model, TrainConfig config, long totalSteps) {
    this.model = model;
    this.config = config;
    this.totalSteps = totalSteps;
    this.schedule = new LrSchedule(config, totalSteps);
    this.trainable = model.trainableParameters();
    for (Parameter p : trainable) {
      if (p.value().getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException(
            p.name()
                + " is not float32: bfloat16 weight storage is for a frozen base; attach a LoRA"
                + " adapter to train it");
      }
    }
    trainable.forEach(p -> p.value().setRequiresGradient(true));
    this.optimizer = new AdamW(trainable, config, model.manager());
  }

  /**
   * One micro-batch; every gradAccumulation-th call also clips, updates and advances the schedule.
   */
  public StepResult step(Batch batch) {
    NDManager m = model.manager();
    try (NDScope scope = new NDScope()) {
      NDArray ids = m.create(batch.inputIds());
      NDArray labels = m.create(batch.labels());
      NDArray mask = m.create(batch.attentionMask());
      NDArray loss =
          Autograd.backward(
              dropoutSeed(),
              () -> model.loss(ids, mask, labels, true),
              l ->
                  config.gradAccumulation() == 1
                      ? l
                      : l.div(Tensors.scalar(m, config.gradAccumulation())));
      double lr = schedule.lr(optimizer.stepCount());
      microStep++;
      if (microStep < config.gradAccumulation()) {
        return new StepResult(
            loss.getFloat(), Double.NaN, lr, optimizer.stepCount(), batch.tokenCount());
      }
      microStep = 0;
      double gradNorm;
      try (NoGrad noGrad = NoGrad.enter()) {
        gradNorm = optimizer.clipGradients(config.gradClip());
        optimizer.step(lr);
        optimizer.zeroGradients();
      }
      return new StepResult(
          loss.getFloat(), gradNorm, lr, optimizer.stepCount(), batch.tokenCount());
    }
  }

  /** Mean loss over the label tokens, evaluation mode, no gradients. */
  public double evalLoss(Batch batch) {
    NDManager m = model.manager();
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      return model
          .loss(
              m.create(batch.inputIds()),
              m.create(batch.attentionMask()),
              m.create(batch.labels()),
              false)
          .getFloat();
    }
  }

  /** Optimizer steps taken. */
  public long step() {
    return optimizer.stepCount();
  }

  public double currentLr() {
    return schedule.lr(optimizer.stepCount());
  }

  /** Writes optimizer.safetensors (exp_avg / exp_avg_sq per parameter) and trainer_state.json. */
  public void saveState(Path dir) {
    if (microStep != 0) {
      throw new IllegalStateException(
          "save between optimizer steps, not in the middle of gradient accumulation");
    }
    try {
      Files.createDirectories(dir);
      SafetensorsWriter.write(dir.resolve("optimizer.safetensors"), optimizer.state(), Map.of());
      ObjectNode state = JSON.createObjectNode();
      state.put("step", optimizer.stepCount()).put("total_steps", totalSteps);
      state.set("config", JSON.valueToTree(config));
      JSON.writeValue(dir.resolve("trainer_state.json").toFile(), state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Restores what {@link #saveState} wrote; the model weights are loaded separately
   * (CausalLM.load).
   */
  public void loadState(Path dir) {
    try (SafetensorsReader reader = SafetensorsReader.open(dir.resolve("optimizer.safetensors"));
        NDManager staging = model.manager().newSubManager()) {
      long step = JSON.readTree(dir.resolve("trainer_state.json").toFile()).get("step").asLong();
      Map<String, NDArray> state = new LinkedHashMap<>();
      for (String name : reader.names()) {
        state.put(name, reader.read(name, staging));
      }
      optimizer.load(state, step);
      microStep = 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A dropout seed that depends only on (seed, optimizer step, micro-step). */
  private int dropoutSeed() {
    long z =
        config.seed() * 0x9E3779B97F4A7C15L
            + optimizer.stepCount() * 0xBF58476D1CE4E5B9L
            + microStep;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) ((z ^ (z >>> 31)) & 0x7fffffff);
  }

  @Override
  public void close() {
    optimizer.close();
    trainable.forEach(p -> p.value().setRequiresGradient(false));
  }
}
