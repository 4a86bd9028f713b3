package io.seqtune.model.arch;

import io.seqtune.model.ModelConfig;

/**
 * GPT-NeoX's own config.json settings, with transformers' {@code GPTNeoXConfig} defaults.
 *
 * @param rotaryPct the fraction of each head that rotary embeddings rotate (rotary_pct, or
 *     partial_rotary_factor as transformers 5 spells it)
 * @param ropeTheta the rotary base
 * @param useParallelResidual attention and MLP read the same input (Pythia) or run in sequence
 */
record GptNeoXConfig(
    boolean attentionBias,
    double rotaryPct,
    double ropeTheta,
    boolean useParallelResidual,
    double attentionDropout,
    double hiddenDropout) {

  static GptNeoXConfig of(ModelConfig c) {
    return new GptNeoXConfig(
        c.boolValue("attention_bias", true),
        c.doubleValue(
            "rotary_pct",
            c.raw()
                .path("rope_parameters")
                .path("partial_rotary_factor")
                .asDouble(c.doubleValue("partial_rotary_factor", 0.25))),
        Architecture.ropeTheta(c),
        c.boolValue("use_parallel_residual", true),
        c.doubleValue("attention_dropout", 0),
        c.doubleValue("hidden_dropout", 0));
  }
}
