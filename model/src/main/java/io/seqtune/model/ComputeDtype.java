package io.seqtune.model;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /**
   * BFLOAT16 where this CPU computes it natively (x86 {@code avx512_bf16} or {@code amx_bf16}),
   * else FLOAT32: elsewhere bf16 is emulated and slower than float32.
   */
  public static ComputeDtype fastestOnThisCpu() {
    try {
      String info = Files.readString(Path.of("/proc/cpuinfo"));
      return info.contains(" avx512_bf16") || info.contains(" amx_bf16") ? BFLOAT16 : FLOAT32;
    } catch (IOException | UncheckedIOException e) {
      return FLOAT32; // not Linux, or unreadable: the safe choice
    }
  }

  /** The name specs use: {@code float32} or {@code bfloat16}. */
  public String specName() {
    return this == BFLOAT16 ? "bfloat16" : "float32";
  }

  public static ComputeDtype parse(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "float32", "fp32" -> FLOAT32;
      case "bfloat16", "bf16" -> BFLOAT16;
      default -> throw new IllegalArgumentException("unknown compute dtype " + name);
    };
  }
}
