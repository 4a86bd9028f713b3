package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.model.nn.KvCache;
import io.seqtune.model.nn.NoGrad;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties every architecture must have, checked on tiny random models, including the two without
 * a transformers fixture: GPT-NeoX (Pythia) and OPT-350m's post-LayerNorm layout with
 * project_in/project_out.
 */
class ArchitectureInvariantsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ModelConfig config(String variant) {
    ObjectNode c = JSON.createObjectNode().put("vocab_size", 97).put("initializer_range", 0.2);
    switch (variant) {
      case "gpt_neox" ->
          c.put("model_type", "gpt_neox")
              .put("hidden_size", 32)
              .put("num_hidden_layers", 2)
              .put("num_attention_heads", 4)
              .put("intermediate_size", 64)
              .put("max_position_embeddings", 64)
              .put("rotary_pct", 0.25)
              .put("rotary_emb_base", 10000)
              .put("use_parallel_residual", true)
              .put("hidden_act", "gelu")
              .put("layer_norm_eps", 1e-5)
              .put("tie_word_embeddings", false);
      case "opt_350m" ->
          c.put("model_type", "opt")
              .put("hidden_size", 32)
              .put("word_embed_proj_dim", 16)
              .put("num_hidden_layers", 2)
              .put("num_attention_heads", 4)
              .put("ffn_dim", 64)
              .put("max_position_embeddings", 64)
              .put("do_layer_norm_before", false)
              .put("activation_function", "relu")
              .put("dropout", 0.0)
              .put("attention_dropout", 0.0)
              .put("pad_token_id", 1);
      case "llama_gqa" ->
          c.put("model_type", "llama")
              .put("hidden_size", 32)
              .put("num_hidden_layers", 2)
              .put("num_attention_heads", 4)
              .put("num_key_value_heads", 1)
              .put("intermediate_size", 48)
              .put("max_position_embeddings", 64)
              .put("hidden_act", "silu")
              .put("rms_norm_eps", 1e-6)
              .put("rope_theta", 500000.0)
              .put("tie_word_embeddings", false);
      case "gpt_neo" ->
          c.put("model_type", "gpt_neo")
              .put("hidden_size", 32)
              .put("num_layers", 2)
              .put("num_heads", 4)
              .put("max_position_embeddings", 64)
              .put("window_size", 3)
              .put("activation_function", "gelu_new")
              .put("embed_dropout", 0.0)
              .put("resid_dropout", 0.0)
              .put("attention_dropout", 0.0)
              .set(
                  "attention_types",
                  JSON.valueToTree(List.of(List.of(List.of("global", "local"), 1))));
      default -> throw new IllegalArgumentException(variant);
    }
    return ModelConfig.parse(c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt_neox", "opt_350m", "llama_gqa", "gpt_neo"})
  void decodingTokenByTokenWithTheCacheGivesTheFullForwardLogits(String variant) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.random(config(variant), 3, DeviceChoice.CPU);
        NoGrad noGrad = NoGrad.enter();
        KvCache cache = model.newCache(m)) {
      long[][] ids = {{5, 9, 2, 44, 17, 8, 60, 3}};
      NDArray full = model.logits(m.create(ids), m.ones(new Shape(1, 8), DataType.INT64));
      NDArray prefix =
          model.forward(
              m.create(new long[][] {{5, 9, 2}}),
              m.ones(new Shape(1, 3), DataType.INT64),
              cache,
              false);
      assertThat(prefix.sub(full.get(":, :3, :")).abs().max().getFloat()).isLessThan(1e-5f);
      for (int t = 3; t < 8; t++) {
        try (NDScope scope = new NDScope()) {
          NDArray step =
              model.forward(
                  m.create(new long[][] {{ids[0][t]}}),
                  m.ones(new Shape(1, t + 1), DataType.INT64),
                  cache,
                  false);
          assertThat(step.sub(full.get(":, " + t + ":" + (t + 1) + ", :")).abs().max().getFloat())
              .as("position %d", t)
              .isLessThan(1e-5f);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt_neox", "opt_350m", "llama_gqa", "gpt_neo"})
  void aLeftPaddedBatchGeneratesWhatEachPromptGeneratesAlone(String variant) {
    try (CausalLM model = CausalLM.random(config(variant), 4, DeviceChoice.CPU)) {
      Generator generator = new Generator(model);
      List<int[]> prompts =
          List.of(new int[] {5, 9, 2, 44, 17}, new int[] {8, 60}, new int[] {33, 12, 70});
      List<int[]> batched = generator.greedy(prompts, 6, -1);
      List<List<int[]>> beams = generator.beam(prompts, 3, 5, -1, 1.0, 2);
      for (int i = 0; i < prompts.size(); i++) {
        assertThat(batched.get(i))
            .containsExactly(generator.greedy(List.of(prompts.get(i)), 6, -1).get(0));
        List<int[]> alone = generator.beam(List.of(prompts.get(i)), 3, 5, -1, 1.0, 2).get(0);
        assertThat(beams.get(i).get(0)).containsExactly(alone.get(0));
        assertThat(beams.get(i).get(1)).containsExactly(alone.get(1));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt_neox", "opt_350m", "llama_gqa", "gpt_neo"})
  void exportedDirectoryLoadsBackWithIdenticalLogits(String variant, @TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.random(config(variant), 5, DeviceChoice.CPU)) {
      model.save(dir);
      NDArray ids = m.create(new long[][] {{1, 2, 3, 4}, {5, 6, 7, 0}});
      NDArray mask = m.create(new long[][] {{1, 1, 1, 1}, {1, 1, 1, 0}});
      try (CausalLM loaded = CausalLM.load(dir, DeviceChoice.CPU)) {
        assertThat(loaded.logits(ids, mask).contentEquals(model.logits(ids, mask))).isTrue();
        assertThat(loaded.parameterCount()).isEqualTo(model.parameterCount());
      }
    }
  }
}
