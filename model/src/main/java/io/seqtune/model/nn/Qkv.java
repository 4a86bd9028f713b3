package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** Queries [B, T, H, D], keys and values [B, T, Hkv, D]. */
public record Qkv(NDArray q, NDArray k, NDArray v) {}
