package io.seqtune.model;

/**
 * How a model keeps its weights. FLOAT32 is the default and the only storage full fine-tuning
 * accepts. BFLOAT16 keeps every weight matrix in bfloat16 (biases and norm weights stay float32):
 * half the memory, for a frozen base that only runs, or carries LoRA adapters (float32, with
 * float32 optimizer state) that train.
 */
public enum WeightStorage {
  FLOAT32,
  BFLOAT16;

  public static WeightStorage parse(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "float32", "fp32" -> FLOAT32;
      case "bfloat16", "bf16" -> BFLOAT16;
      default -> throw new IllegalArgumentException("unknown weight storage " + name);
    };
  }
}
