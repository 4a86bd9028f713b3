package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** down(act(up(x))): GPT-2, GPT-Neo, OPT, GPT-NeoX. */
public final class Mlp implements FeedForward {
  private final Linear up; // C -> inner
  private final Activation activation;
  private final Linear down; // inner -> C

  public Mlp(Linear up, Activation activation, Linear down) {
    this.up = up;
    this.activation = activation;
    this.down = down;
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    return down.forward(up.forward(x, activation, training), training);
  }
}
