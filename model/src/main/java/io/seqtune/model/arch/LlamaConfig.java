package io.seqtune.model.arch;

import io.seqtune.model.ModelConfig;

/**
 * The own config.json settings of Llama and its look-alikes, with transformers' {@code LlamaConfig}
 * defaults. Qwen2 has biases on q/k/v only, whatever attention_bias says.
 */
record LlamaConfig(
    boolean qkvBias, boolean outBias, boolean mlpBias, double ropeTheta, double attentionDropout) {

  static LlamaConfig of(ModelConfig c) {
    boolean qwen = c.modelType().equals("qwen2");
    boolean attentionBias = c.boolValue("attention_bias", false);
    return new LlamaConfig(
        qwen || attentionBias,
        !qwen && attentionBias,
        c.boolValue("mlp_bias", false),
        Architecture.ropeTheta(c),
        c.doubleValue("attention_dropout", 0));
  }
}
