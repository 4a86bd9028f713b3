package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.seqtune.model.io.SafetensorsReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Hugging Face reference data copied into test resources (see /work/shared/fixtures/README.md).
 */
final class Fixtures {
  private Fixtures() {}

  static Path dir(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path hf(String arch) {
    return dir("hf-reference/" + arch);
  }

  /** Every tensor of hf-reference/ARCH/reference.safetensors, in its stored type. */
  static Map<String, NDArray> reference(String arch, NDManager manager) {
    Map<String, NDArray> out = new HashMap<>();
    try (SafetensorsReader reader =
        SafetensorsReader.open(hf(arch).resolve("reference.safetensors"))) {
      for (String name : reader.names()) {
        out.put(name, reader.read(name, manager));
      }
    }
    return out;
  }

  static long[][] rows(NDArray matrix) {
    int rows = (int) matrix.getShape().get(0);
    int cols = (int) matrix.getShape().get(1);
    long[] flat = matrix.toLongArray();
    long[][] out = new long[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /** Largest |a - b| over positions where mask [B, T] is 1; a and b are [B, T, V]. */
  static double maxDiffWhereMasked(NDArray a, NDArray b, NDArray mask) {
    NDArray keep = mask.toType(DataType.FLOAT32, false).expandDims(-1);
    return a.sub(b).abs().mul(keep).max().getFloat();
  }
}
