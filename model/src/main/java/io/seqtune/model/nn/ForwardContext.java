package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * What every block needs besides its input, computed once per forward pass: additive attention
 * biases [B, 1, T, Tk] (0 where a query may attend, a large negative number where not) for global
 * and, if any layer uses it, local attention; rotary angles if the model has them.
 */
public record ForwardContext(
    NDArray globalBias, NDArray localBias, Rotary.Angles angles, boolean training) {}
