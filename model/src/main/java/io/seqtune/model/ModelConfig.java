package io.seqtune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A Hugging Face {@code config.json}, with the fields every architecture shares parsed under one
 * set of names (HF spells them differently per model type). Architecture-specific settings are read
 * from {@link #raw()} by the architecture that needs them; {@link #write} writes the raw JSON back,
 * so fields we do not interpret survive a round trip.
 */
public record ModelConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int numKeyValueHeads,
    int headDim,
    int intermediateSize,
    int maxPositions,
    double normEps,
    String activation,
    boolean tieWordEmbeddings,
    int bosId,
    int eosId,
    int padId,
    double initializerRange,
    ObjectNode raw) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static ModelConfig read(Path configJson) {
    try {
      return parse((ObjectNode) JSON.readTree(configJson.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configJson, e);
    }
  }

  /** Parses HF config JSON; the node is copied, later edits to it have no effect. */
  public static ModelConfig parse(ObjectNode json) {
    ObjectNode raw = json.deepCopy();
    String type = raw.path("model_type").asText();
    int hidden = firstInt(raw, "n_embd", "hidden_size");
    int heads = firstInt(raw, "n_head", "num_heads", "num_attention_heads");
    int kvHeads =
        raw.hasNonNull("num_key_value_heads") ? raw.get("num_key_value_heads").asInt() : heads;
    int headDim = raw.hasNonNull("head_dim") ? raw.get("head_dim").asInt() : hidden / heads;
    int inner =
        raw.hasNonNull("n_inner")
            ? raw.get("n_inner").asInt()
            : raw.hasNonNull("intermediate_size")
                ? raw.get("intermediate_size").asInt()
                : raw.hasNonNull("ffn_dim") ? raw.get("ffn_dim").asInt() : 4 * hidden;
    double eps =
        raw.hasNonNull("layer_norm_epsilon")
            ? raw.get("layer_norm_epsilon").asDouble()
            : raw.hasNonNull("layer_norm_eps")
                ? raw.get("layer_norm_eps").asDouble()
                : raw.hasNonNull("rms_norm_eps") ? raw.get("rms_norm_eps").asDouble() : 1e-5;
    String activation =
        raw.hasNonNull("activation_function")
            ? raw.get("activation_function").asText()
            : raw.path("hidden_act").asText("gelu");
    // transformers defaults tie_word_embeddings to true, except GPT-NeoX.
    boolean tie = raw.path("tie_word_embeddings").asBoolean(!type.equals("gpt_neox"));
    double initRange =
        raw.hasNonNull("initializer_range")
            ? raw.get("initializer_range").asDouble()
            : raw.path("init_std").asDouble(0.02);
    return new ModelConfig(
        type,
        raw.get("vocab_size").asInt(),
        hidden,
        firstInt(raw, "n_layer", "num_layers", "num_hidden_layers"),
        heads,
        kvHeads,
        headDim,
        inner,
        firstInt(raw, "n_positions", "max_position_embeddings"),
        eps,
        activation,
        tie,
        tokenId(raw, "bos_token_id"),
        tokenId(raw, "eos_token_id"),
        tokenId(raw, "pad_token_id"),
        initRange,
        raw);
  }

  /**
   * A builder of a GPT-2 configuration for a model trained from scratch, starting from
   * transformers' {@code GPT2Config} defaults (the 124M shape: vocab 50257, 1024 positions, 12
   * layers of 768 with 12 heads, dropout 0.1, bos = eos = 50256, no pad token), as nanoGPT's {@code
   * GPTConfig}: {@code ModelConfig.gpt2().vocabSize(40).layers(2).hidden(32).heads(4)
   * .maxPositions(32).build()}.
   */
  public static Gpt2Builder gpt2() {
    return new Gpt2Builder();
  }

  /** Named GPT-2 settings; see {@link #gpt2()} for the defaults. */
  public static final class Gpt2Builder {
    private int vocabSize = 50257;
    private int layers = 12;
    private int hidden = 768;
    private int heads = 12;
    private int maxPositions = 1024;
    private double dropout = 0.1;
    private int bosId = 50256;
    private int eosId = 50256;
    private int padId = -1;

    private Gpt2Builder() {}

    public Gpt2Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    /** Number of transformer blocks (n_layer). */
    public Gpt2Builder layers(int layers) {
      this.layers = layers;
      return this;
    }

    /** Width of the residual stream C (n_embd); the MLP is 4C wide. */
    public Gpt2Builder hidden(int hidden) {
      this.hidden = hidden;
      return this;
    }

    /** Attention heads (n_head); must divide {@code hidden}. */
    public Gpt2Builder heads(int heads) {
      this.heads = heads;
      return this;
    }

    /** Learned positions (n_positions): the longest sequence the model takes. */
    public Gpt2Builder maxPositions(int maxPositions) {
      this.maxPositions = maxPositions;
      return this;
    }

    /** Embedding, attention and residual dropout (embd_pdrop, attn_pdrop, resid_pdrop). */
    public Gpt2Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    /** Special token ids; {@code padId < 0} writes no pad_token_id. */
    public Gpt2Builder tokens(int bosId, int eosId, int padId) {
      this.bosId = bosId;
      this.eosId = eosId;
      this.padId = padId;
      return this;
    }

    public ModelConfig build() {
      if (heads < 1 || hidden % heads != 0) {
        throw new IllegalArgumentException(
            "hidden size " + hidden + " is not a multiple of " + heads + " heads");
      }
      ObjectNode json = JSON.createObjectNode();
      json.putArray("architectures").add("GPT2LMHeadModel");
      json.put("model_type", "gpt2")
          .put("vocab_size", vocabSize)
          .put("n_layer", layers)
          .put("n_embd", hidden)
          .put("n_head", heads)
          .put("n_positions", maxPositions)
          .putNull("n_inner");
      json.put("activation_function", "gelu_new")
          .put("layer_norm_epsilon", 1e-5)
          .put("initializer_range", 0.02)
          .put("embd_pdrop", dropout)
          .put("attn_pdrop", dropout)
          .put("resid_pdrop", dropout)
          .put("scale_attn_weights", true)
          .put("scale_attn_by_inverse_layer_idx", false)
          .put("tie_word_embeddings", true)
          .put("bos_token_id", bosId)
          .put("eos_token_id", eosId);
      if (padId >= 0) {
        json.put("pad_token_id", padId);
      }
      json.put("dtype", "float32");
      return parse(json);
    }
  }

  /** A copy with one raw field replaced (for example all dropout set to 0 for a test). */
  public ModelConfig with(String key, JsonNode value) {
    ObjectNode copy = raw.deepCopy();
    copy.set(key, value);
    return parse(copy);
  }

  /**
   * A copy with every dropout probability (keys ending in "dropout" or "pdrop") set to {@code p}.
   */
  public ModelConfig withDropout(double p) {
    ObjectNode copy = raw.deepCopy();
    raw.fieldNames()
        .forEachRemaining(
            key -> {
              if ((key.endsWith("dropout") || key.endsWith("pdrop")) && raw.get(key).isNumber()) {
                copy.put(key, p);
              }
            });
    return parse(copy);
  }

  public void write(Path configJson) {
    try {
      JSON.writeValue(configJson.toFile(), raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configJson, e);
    }
  }

  public double doubleValue(String key, double fallback) {
    return raw.hasNonNull(key) ? raw.get(key).asDouble() : fallback;
  }

  public int intValue(String key, int fallback) {
    return raw.hasNonNull(key) ? raw.get(key).asInt() : fallback;
  }

  public boolean boolValue(String key, boolean fallback) {
    return raw.hasNonNull(key) ? raw.get(key).asBoolean() : fallback;
  }

  private static int firstInt(ObjectNode raw, String... keys) {
    for (String key : keys) {
      if (raw.hasNonNull(key)) {
        return raw.get(key).asInt();
      }
    }
    throw new IllegalArgumentException("config.json has none of " + String.join(", ", keys));
  }

  /** A token id, -1 when absent; a list (Llama 3 style) gives its first element. */
  private static int tokenId(ObjectNode raw, String key) {
    JsonNode node = raw.path(key);
    if (node.isArray()) {
      node = node.path(0);
    }
    return node.isNumber() ? node.asInt() : -1;
  }
}
