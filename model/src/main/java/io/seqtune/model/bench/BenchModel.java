package io.seqtune.model.bench;

import io.seqtune.model.CausalLM;
import io.seqtune.model.ComputeDtype;
import io.seqtune.model.DeviceChoice;
import io.seqtune.model.WeightStorage;
import io.seqtune.model.lora.LoraAdapter;
import io.seqtune.model.lora.LoraConfig;
import java.util.List;

/**
 * What both benchmarks build: a randomly initialised model of a {@link ModelShape}, its compute
 * type, and optionally a LoRA adapter (rank {@code loraRank}, alpha 2r, on the attention
 * projections PEFT targets by default). A frozen base (LoRA training, or generation) keeps its
 * matrices in bfloat16 when computing in bfloat16.
 */
public record BenchModel(ModelShape shape, ComputeDtype dtype, int loraRank, DeviceChoice device) {

  /** The float32 model the reference numbers use. */
  public static BenchModel of(ModelShape shape) {
    return new BenchModel(shape, ComputeDtype.FLOAT32, 0, DeviceChoice.CPU);
  }

  public BenchModel withDtype(ComputeDtype newDtype) {
    return new BenchModel(shape, newDtype, loraRank, device);
  }

  public BenchModel withLoraRank(int rank) {
    return new BenchModel(shape, dtype, rank, device);
  }

  /**
   * @param frozen whether the base weights never train (generation)
   */
  CausalLM create(int maxPositions, boolean frozen) {
    WeightStorage storage =
        (frozen || loraRank > 0) && dtype == ComputeDtype.BFLOAT16
            ? WeightStorage.BFLOAT16
            : WeightStorage.FLOAT32;
    CausalLM model = CausalLM.random(shape.config(maxPositions), 0, device, dtype, storage);
    if (loraRank > 0) {
      LoraAdapter.attach(model, new LoraConfig(loraRank, 2.0 * loraRank, 0, targets()), 0);
    }
    return model;
  }

  /** PEFT's default LoRA targets per architecture. */
  private List<String> targets() {
    return switch (shape.arch()) {
      case "gpt2" -> List.of("c_attn");
      case "gpt_neox" -> List.of("query_key_value");
      default -> List.of("q_proj", "v_proj");
    };
  }

  String method() {
    return (loraRank > 0 ? "lora r" + loraRank : "full") + ", " + dtype.name().toLowerCase();
  }
}
