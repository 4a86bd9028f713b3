package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.norm.Dropout;

/** Small tensor helpers shared by the blocks. */
public final class Tensors {
    private Tensors() {}

    /** {@code weight} in the data type of the activations {@code x} (weights stay float32; bf16 compute casts at use). */
    public static NDArray like(NDArray weight, NDArray x) {
        return weight == null || weight.getDataType() == x.getDataType() ? weight : weight.toType(x.getDataType(), false);
    }

    public static NDArray float32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    public static NDArray dropout(NDArray x, double rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, (float) rate, true).singletonOrThrow() : x;
    }
}
