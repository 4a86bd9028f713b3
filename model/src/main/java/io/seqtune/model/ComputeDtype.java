package io.seqtune.model;

import ai.djl.ndarray.types.DataType;

/**
 * The data type activations are computed in. Weights (and optimizer state) always stay float32;
 * with BFLOAT16 each weight is cast at use, like PyTorch autocast, while norms, softmax and the
 * loss run in float32.
 */
public enum ComputeDtype {
  FLOAT32(DataType.FLOAT32),
  BFLOAT16(DataType.BFLOAT16);

  private final DataType dataType;

  ComputeDtype(DataType dataType) {
    this.dataType = dataType;
  }

  public DataType dataType() {
    return dataType;
  }

  public static ComputeDtype parse(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "float32", "fp32" -> FLOAT32;
      case "bfloat16", "bf16" -> BFLOAT16;
      default -> throw new IllegalArgumentException("unknown compute dtype " + name);
    };
  }
}
