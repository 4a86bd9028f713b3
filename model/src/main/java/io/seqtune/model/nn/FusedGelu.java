package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** The tanh-approximated GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
final class FusedGelu {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private FusedGelu() {}

    static NDArray tanhGelu(NDArray x) {
        // x*x*x rather than pow: pow's backward is slow in the PyTorch bridge.
        NDArray inner = x.mul(x).mul(x).muli(0.044715).addi(x).muli(SQRT_2_OVER_PI);
        return x.mul(0.5).mul(inner.tanh().add(1)); // tanh's output is kept for backward: no in-place op on it
    }
}
