package io.seqtune.model.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.model.ModelConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a benchmarked model: architecture, depth, width, heads, MLP width and vocabulary,
 * with presets for the published sizes. {@link #config(int)} writes the config.json a Hugging Face
 * model of that shape has (dropout off), so the architecture's own loader builds it.
 *
 * @param arch HF model_type: gpt2, opt, gpt_neo, gpt_neox or llama
 * @param intermediate MLP width; 0 means 4 x hidden
 * @param kvHeads key/value heads (llama); 0 means as many as heads
 * @param embedDim OPT's word_embed_proj_dim; 0 means hidden
 * @param postNorm OPT-350m's post-LayerNorm layout
 */
public record ModelShape(
    String arch,
    int layers,
    int hidden,
    int heads,
    int vocab,
    int intermediate,
    int kvHeads,
    int embedDim,
    boolean postNorm) {

  public static final List<String> ARCHS = List.of("gpt2", "opt", "gpt_neo", "gpt_neox", "llama");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, ModelShape> PRESETS =
      Map.of(
          "gpt2-4x256", new ModelShape("gpt2", 4, 256, 4, 1000, 0, 0, 0, false),
          "gpt2-124m", new ModelShape("gpt2", 12, 768, 12, 50257, 0, 0, 0, false),
          "opt-125m", new ModelShape("opt", 12, 768, 12, 50272, 3072, 0, 0, false),
          "opt-350m", new ModelShape("opt", 24, 1024, 16, 50272, 4096, 0, 512, true),
          "opt-1.3b", new ModelShape("opt", 24, 2048, 32, 50272, 8192, 0, 0, false),
          "gpt-neo-125m", new ModelShape("gpt_neo", 12, 768, 12, 50257, 0, 0, 0, false),
          "pythia-160m", new ModelShape("gpt_neox", 12, 768, 12, 50304, 3072, 0, 0, false),
          "smollm-135m", new ModelShape("llama", 30, 576, 9, 49152, 1536, 3, 0, false));

  public ModelShape {
    if (!ARCHS.contains(arch)) {
      throw new IllegalArgumentException(
          "unknown --arch " + arch + " (one of " + String.join(", ", ARCHS) + ")");
    }
    if (heads < 1 || hidden % heads != 0) {
      throw new IllegalArgumentException(
          "hidden " + hidden + " is not a multiple of " + heads + " heads");
    }
  }

  /** A named preset (see {@link #presets()}). */
  public static ModelShape preset(String name) {
    ModelShape shape = PRESETS.get(name.toLowerCase(Locale.ROOT));
    if (shape == null) {
      throw new IllegalArgumentException(
          "unknown --shape " + name + " (one of " + String.join(", ", presets()) + ")");
    }
    return shape;
  }

  public static List<String> presets() {
    return PRESETS.keySet().stream().sorted().toList();
  }

  /** The same shape as another architecture lays it out (MLP width and head layout kept). */
  public ModelShape withArch(String newArch) {
    return new ModelShape(newArch, layers, hidden, heads, vocab, intermediate, 0, 0, false);
  }

  public ModelShape withSize(int newLayers, int newHidden, int newHeads, int newVocab) {
    return new ModelShape(
        arch, newLayers, newHidden, newHeads, newVocab, intermediate, kvHeads, embedDim, postNorm);
  }

  /** A config.json of this shape with room for {@code maxPositions} tokens, dropout off. */
  public ModelConfig config(int maxPositions) {
    if (arch.equals("gpt2")) {
      return ModelConfig.gpt2()
          .vocabSize(vocab)
          .layers(layers)
          .hidden(hidden)
          .heads(heads)
          .maxPositions(maxPositions)
          .dropout(0)
          .tokens(0, 0, 0)
          .build();
    }
    int inner = intermediate > 0 ? intermediate : 4 * hidden;
    ObjectNode c = JSON.createObjectNode();
    c.put("model_type", arch)
        .put("vocab_size", vocab)
        .put("hidden_size", hidden)
        .put("num_hidden_layers", layers)
        .put("num_attention_heads", heads)
        .put("max_position_embeddings", maxPositions)
        .put("intermediate_size", inner)
        .put("bos_token_id", 0)
        .put("eos_token_id", 0)
        .put("pad_token_id", 0);
    switch (arch) {
      case "opt" ->
          c.put("ffn_dim", inner)
              .put("activation_function", "relu")
              .put("word_embed_proj_dim", embedDim > 0 ? embedDim : hidden)
              .put("do_layer_norm_before", !postNorm)
              .put("dropout", 0.0)
              .put("attention_dropout", 0.0);
      case "gpt_neo" -> {
        c.put("activation_function", "gelu_new").put("window_size", 256);
        c.putArray("attention_types")
            .addArray()
            .add(JSON.createArrayNode().add("global").add("local"))
            .add(layers / 2);
      }
      case "gpt_neox" ->
          c.put("hidden_act", "gelu").put("rotary_pct", 0.25).put("use_parallel_residual", true);
      case "llama" ->
          c.put("hidden_act", "silu")
              .put("rms_norm_eps", 1e-5)
              .put("num_key_value_heads", kvHeads > 0 ? kvHeads : heads)
              .put("tie_word_embeddings", true);
      default -> throw new IllegalStateException(arch);
    }
    return ModelConfig.parse(c).withDropout(0);
  }

  /** "opt 24x2048 heads 32 vocab 50272". */
  public String describe() {
    return arch + " " + layers + "x" + hidden + " heads " + heads + " vocab " + vocab;
  }
}
