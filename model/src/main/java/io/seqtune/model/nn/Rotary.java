package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embeddings in the "rotate half" form of Llama and GPT-NeoX, applied to the first
 * {@code rotaryDim} channels of each head (all of them for Llama, rotary_pct of them for Pythia).
 */
public final class Rotary {
  /** cos and sin of the rotation angles, [B, T, 1, rotaryDim]. */
  public record Angles(NDArray cos, NDArray sin) {}

  private final int rotaryDim;
  private final float[] inverseFrequencies; // [rotaryDim / 2]

  public Rotary(int rotaryDim, double theta) {
    this.rotaryDim = rotaryDim;
    this.inverseFrequencies = new float[rotaryDim / 2];
    for (int i = 0; i < inverseFrequencies.length; i++) {
      inverseFrequencies[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / rotaryDim));
    }
  }

  public Angles angles(NDArray positions) { // [B, T] int64
    NDManager m = positions.getManager();
    NDArray freqs =
        positions
            .toType(DataType.FLOAT32, false)
            .expandDims(2)
            .mul(m.create(inverseFrequencies)); // [B, T, rotaryDim / 2]
    NDArray emb = freqs.concat(freqs, 2).expandDims(2); // [B, T, 1, rotaryDim]
    return new Angles(emb.cos(), emb.sin());
  }

  public NDArray apply(NDArray x, Angles angles) { // [B, T, H, D]
    long headDim = x.getShape().getLastDimension();
    NDArray rot = rotaryDim == headDim ? x : x.get("..., :" + rotaryDim);
    NDList halves = rot.split(2, 3);
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // rotate_half
    NDArray out =
        rot.mul(Tensors.like(angles.cos(), x)).add(rotated.mul(Tensors.like(angles.sin(), x)));
    return rotaryDim == headDim ? out : out.concat(x.get("..., " + rotaryDim + ":"), 3);
  }
}
