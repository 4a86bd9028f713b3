package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.model.io.SafetensorsWriter;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.Rotary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * There is no transformers fixture for GPT-NeoX, so its two differences are checked by
 * construction: (1) with rotary_pct 0, a sequential residual and GPT-2's activation, GPT-NeoX
 * computes exactly a GPT-2 whose position embeddings are zero, once GPT-2's weights are renamed and
 * c_attn's rows are re-interleaved per head; (2) the partial rotary embedding equals a hand
 * computation.
 */
class GptNeoXConstructionTest {
  private static final int HIDDEN = 32;
  private static final int HEADS = 4;
  private static final int LAYERS = 2;
  private static final int VOCAB = 50;

  @Test
  void gptNeoXWithoutRotaryIsGpt2WithoutPositionsWithRenamedWeights(@TempDir Path dir) {
    ModelConfig gpt2Config =
        ModelConfig.gpt2()
            .vocabSize(VOCAB)
            .layers(LAYERS)
            .hidden(HIDDEN)
            .heads(HEADS)
            .maxPositions(16)
            .tokens(0, 0, 0)
            .build();
    try (NDManager m = NDManager.newBaseManager();
        CausalLM gpt2 = CausalLM.random(gpt2Config, 9, DeviceChoice.CPU)) {
      try (NoGrad noGrad = NoGrad.enter()) {
        gpt2.parameterStore().get("transformer.wpe.weight").value().muli(0);
      }
      Map<String, NDArray> neox = new LinkedHashMap<>();
      neox.put("gpt_neox.embed_in.weight", weight(gpt2, "transformer.wte.weight"));
      neox.put("embed_out.weight", weight(gpt2, "transformer.wte.weight"));
      for (int i = 0; i < LAYERS; i++) {
        String h = "transformer.h." + i + ".";
        String l = "gpt_neox.layers." + i + ".";
        copy(gpt2, h + "ln_1", neox, l + "input_layernorm");
        copy(gpt2, h + "ln_2", neox, l + "post_attention_layernorm");
        // c_attn rows are [q of all heads | k | v]; query_key_value rows are [q k v] per head.
        neox.put(
            l + "attention.query_key_value.weight",
            weight(gpt2, h + "attn.c_attn.weight")
                .reshape(3, HEADS, HIDDEN / HEADS, HIDDEN)
                .transpose(1, 0, 2, 3)
                .reshape(3 * HIDDEN, HIDDEN)
                .duplicate());
        neox.put(
            l + "attention.query_key_value.bias",
            weight(gpt2, h + "attn.c_attn.bias")
                .reshape(3, HEADS, HIDDEN / HEADS)
                .transpose(1, 0, 2)
                .reshape(3 * HIDDEN)
                .duplicate());
        copy(gpt2, h + "attn.c_proj", neox, l + "attention.dense");
        copy(gpt2, h + "mlp.c_fc", neox, l + "mlp.dense_h_to_4h");
        copy(gpt2, h + "mlp.c_proj", neox, l + "mlp.dense_4h_to_h");
      }
      copy(gpt2, "transformer.ln_f", neox, "gpt_neox.final_layer_norm");
      SafetensorsWriter.write(dir.resolve("model.safetensors"), neox, Map.of());
      ObjectNode config =
          new ObjectMapper()
              .createObjectNode()
              .put("model_type", "gpt_neox")
              .put("vocab_size", VOCAB)
              .put("hidden_size", HIDDEN)
              .put("num_hidden_layers", LAYERS)
              .put("num_attention_heads", HEADS)
              .put("intermediate_size", 4 * HIDDEN)
              .put("max_position_embeddings", 16)
              .put("rotary_pct", 0.0)
              .put("use_parallel_residual", false)
              .put("hidden_act", "gelu_new")
              .put("layer_norm_eps", 1e-5)
              .put("tie_word_embeddings", false);
      ModelConfig.parse(config).write(dir.resolve("config.json"));

      try (CausalLM neoxModel = CausalLM.load(dir, DeviceChoice.CPU)) {
        NDArray ids = m.create(new long[][] {{3, 14, 15, 9, 26, 5}, {35, 8, 9, 7, 0, 0}});
        NDArray mask = m.create(new long[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}});
        NDArray expected = gpt2.logits(ids, mask);
        assertThat(Fixtures.maxDiffWhereMasked(neoxModel.logits(ids, mask), expected, mask))
            .isLessThan(1e-5);
      }
    }
  }

  @Test
  void partialRotaryRotatesChannelPairsOfTheFirstRotaryDimsAndPassesTheRest() {
    int headDim = 6;
    int rotaryDim = 4;
    double theta = 10000;
    float[] x = new float[3 * headDim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i + 1);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      Rotary rotary = new Rotary(rotaryDim, theta);
      NDArray positions = m.create(new long[][] {{0, 1, 7}});
      float[] actual =
          rotary
              .apply(
                  m.create(x).reshape(1, 3, 1, headDim), rotary.angles(positions)) // [B, T, H, D]
              .toFloatArray();
      long[] pos = {0, 1, 7};
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < rotaryDim / 2; i++) {
          double angle = pos[t] / Math.pow(theta, 2.0 * i / rotaryDim);
          double a = x[t * headDim + i];
          double b = x[t * headDim + i + rotaryDim / 2];
          assertThat(actual[t * headDim + i])
              .isCloseTo(
                  (float) (a * Math.cos(angle) - b * Math.sin(angle)), Assertions.within(1e-5f));
          assertThat(actual[t * headDim + i + rotaryDim / 2])
              .isCloseTo(
                  (float) (b * Math.cos(angle) + a * Math.sin(angle)), Assertions.within(1e-5f));
        }
        for (int i = rotaryDim; i < headDim; i++) {
          assertThat(actual[t * headDim + i]).isEqualTo(x[t * headDim + i]);
        }
      }
    }
  }

  private static NDArray weight(CausalLM model, String name) {
    return model.parameterStore().get(name).value();
  }

  /**
   * Weight and bias under a new name; our GPT-2 linear weights are already [out, in] as nn.Linear
   * stores them.
   */
  private static void copy(
      CausalLM from, String gpt2Name, Map<String, NDArray> to, String neoxName) {
    to.put(neoxName + ".weight", weight(from, gpt2Name + ".weight"));
    to.put(neoxName + ".bias", weight(from, gpt2Name + ".bias"));
  }
}
