package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.seqtune.model.io.SafetensorsReader;
import io.seqtune.model.io.SafetensorsWriter;
import io.seqtune.model.lora.LoraAdapter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One-shot operations for the command line ({@code seqtune lm ...}). Inputs are safetensors files
 * holding {@code input_ids} [B, T] int64 and optionally {@code attention_mask} [B, T] int64 (all
 * ones when absent), the layout of the reference fixtures.
 */
public final class LmTools {
  private LmTools() {}

  /** What one training step did: loss before, gradient norm, loss after the AdamW update. */
  public record TrainStepReport(double loss, double gradNorm, double lossAfter) {}

  /**
   * Writes {@code logits} [B, T, V] float32 to {@code output}; {@code adapterDir} (PEFT LoRA) may
   * be null.
   */
  public static void logits(Path modelDir, Path adapterDir, Path input, Path output) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(modelDir, DeviceChoice.CPU)) {
      if (adapterDir != null) {
        LoraAdapter.load(model, adapterDir);
      }
      NDArray[] batch = readInputs(input, m);
      SafetensorsWriter.write(output, Map.of("logits", model.logits(batch[0], batch[1])), Map.of());
    }
  }

  /**
   * One AdamW step (betas 0.9/0.999, eps 1e-8, no decay, no clipping) on labels = input ids,
   * padding ignored.
   */
  public static TrainStepReport trainStep(Path modelDir, Path input, double lr) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(modelDir, DeviceChoice.CPU)) {
      NDArray[] arrays = readInputs(input, m);
      long[][] ids = matrix(arrays[0]);
      long[][] mask = matrix(arrays[1]);
      long[][] labels = new long[ids.length][];
      for (int r = 0; r < ids.length; r++) {
        labels[r] = ids[r].clone();
        for (int t = 0; t < labels[r].length; t++) {
          labels[r][t] = mask[r][t] == 1 ? ids[r][t] : Batch.IGNORE;
        }
      }
      Batch batch = new Batch(ids, labels, mask);
      TrainConfig config =
          TrainConfig.builder()
              .learningRate(lr)
              .weightDecay(0)
              .schedule("constant")
              .gradClip(0)
              .build();
      try (Trainer trainer = new Trainer(model, config, 1)) {
        StepResult step = trainer.step(batch);
        return new TrainStepReport(step.loss(), step.gradNorm(), trainer.evalLoss(batch));
      }
    }
  }

  /**
   * Greedy ({@code beams == 1}) or beam search (length penalty 1) from one prompt.
   *
   * @return the prompt followed by the generated ids, as transformers' generate returns them
   */
  public static long[] generate(
      Path modelDir, long[] promptIds, int maxNewTokens, int beams, boolean stopAtEos) {
    try (CausalLM model = CausalLM.load(modelDir, DeviceChoice.CPU)) {
      int eos = stopAtEos ? model.config().eosId() : -1;
      List<int[]> prompt = List.of(Arrays.stream(promptIds).mapToInt(Math::toIntExact).toArray());
      Generator generator = new Generator(model);
      int[] generated =
          beams == 1
              ? generator.greedy(prompt, maxNewTokens, eos).get(0)
              : generator.beam(prompt, beams, maxNewTokens, eos, 1.0, 1).get(0).get(0);
      long[] out = Arrays.copyOf(promptIds, promptIds.length + generated.length);
      for (int i = 0; i < generated.length; i++) {
        out[promptIds.length + i] = generated[i];
      }
      return out;
    }
  }

  private static NDArray[] readInputs(Path input, NDManager m) {
    try (SafetensorsReader reader = SafetensorsReader.open(input)) {
      NDArray ids = reader.read("input_ids", m, ai.djl.ndarray.types.DataType.INT64);
      NDArray mask =
          reader.contains("attention_mask")
              ? reader.read("attention_mask", m, ai.djl.ndarray.types.DataType.INT64)
              : ids.onesLike();
      return new NDArray[] {ids, mask};
    }
  }

  private static long[][] matrix(NDArray a) {
    int cols = (int) a.getShape().get(1);
    long[] flat = a.toLongArray();
    long[][] out = new long[flat.length / cols][];
    for (int r = 0; r < out.length; r++) {
      out[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
    }
    return out;
  }
}
