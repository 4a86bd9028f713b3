package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** Llama's SwiGLU: down(act(gate(x)) * up(x)). */
public final class GatedMlp implements FeedForward {
  private final Linear gate; // C -> inner
  private final Linear up; // C -> inner
  private final Activation activation;
  private final Linear down; // inner -> C

  public GatedMlp(Linear gate, Linear up, Activation activation, Linear down) {
    this.gate = gate;
    this.up = up;
    this.activation = activation;
    this.down = down;
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    return down.forward(
        activation.apply(gate.forward(x, training)).mul(up.forward(x, training)), training);
  }
}
