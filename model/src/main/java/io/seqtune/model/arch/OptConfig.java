package io.seqtune.model.arch;

import io.seqtune.model.ModelConfig;

/**
 * OPT's own config.json settings, with transformers' {@code OPTConfig} defaults.
 *
 * @param wordEmbedProjDim width E of the token embeddings (OPT-350m: 512, projected to and from C)
 * @param doLayerNormBefore pre-LayerNorm (125m, 1.3b) or post-LayerNorm (350m)
 * @param enableBias biases on every linear layer
 * @param removeFinalLayerNorm {@code _remove_final_layer_norm}, set by old checkpoints
 * @param dropout dropout on each branch before it joins the residual stream
 */
record OptConfig(
    int wordEmbedProjDim,
    boolean doLayerNormBefore,
    boolean enableBias,
    boolean removeFinalLayerNorm,
    double attentionDropout,
    double dropout) {

  static OptConfig of(ModelConfig c) {
    return new OptConfig(
        c.intValue("word_embed_proj_dim", c.hiddenSize()),
        c.boolValue("do_layer_norm_before", true),
        c.boolValue("enable_bias", true),
        c.boolValue("_remove_final_layer_norm", false),
        c.doubleValue("attention_dropout", 0),
        c.doubleValue("dropout", 0.1));
  }

  boolean finalLayerNorm() {
    return doLayerNormBefore && !removeFinalLayerNorm;
  }
}
