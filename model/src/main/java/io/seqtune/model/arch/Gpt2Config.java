package io.seqtune.model.arch;

import io.seqtune.model.ModelConfig;

/**
 * GPT-2's own config.json settings, with transformers' {@code GPT2Config} defaults.
 *
 * @param embdPdrop dropout on the summed embeddings
 * @param attnPdrop dropout on the attention probabilities
 * @param residPdrop dropout on each branch before it joins the residual stream
 * @param scaleAttnWeights divide q.k by sqrt(head dim)
 * @param scaleAttnByInverseLayerIdx also divide layer i's q.k by i + 1
 */
record Gpt2Config(
    double embdPdrop,
    double attnPdrop,
    double residPdrop,
    boolean scaleAttnWeights,
    boolean scaleAttnByInverseLayerIdx) {

  static Gpt2Config of(ModelConfig c) {
    return new Gpt2Config(
        c.doubleValue("embd_pdrop", 0.1),
        c.doubleValue("attn_pdrop", 0.1),
        c.doubleValue("resid_pdrop", 0.1),
        c.boolValue("scale_attn_weights", true),
        c.boolValue("scale_attn_by_inverse_layer_idx", false));
  }
}
