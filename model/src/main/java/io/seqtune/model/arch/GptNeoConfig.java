package io.seqtune.model.arch;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqtune.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-Neo's own config.json settings, with transformers' {@code GPTNeoConfig} defaults.
 *
 * @param layerTypes "global" or "local" per layer, expanded from attention_types
 * @param windowSize how far back a local layer attends
 */
record GptNeoConfig(
    List<String> layerTypes,
    int windowSize,
    double embedDropout,
    double attentionDropout,
    double residDropout) {

  GptNeoConfig {
    layerTypes = List.copyOf(layerTypes);
  }

  static GptNeoConfig of(ModelConfig c) {
    return new GptNeoConfig(
        attentionLayers(c),
        c.intValue("window_size", 256),
        c.doubleValue("embed_dropout", 0),
        c.doubleValue("attention_dropout", 0),
        c.doubleValue("resid_dropout", 0));
  }

  boolean local(int layer) {
    return layerTypes.get(layer).equals("local");
  }

  /** attention_types [[["global", "local"], 12]] expands to global, local, global, ... */
  private static List<String> attentionLayers(ModelConfig c) {
    List<String> layers = new ArrayList<>();
    JsonNode explicit = c.raw().path("attention_layers");
    if (explicit.isArray() && explicit.size() == c.numLayers()) {
      explicit.forEach(n -> layers.add(n.asText()));
      return layers;
    }
    for (JsonNode group : c.raw().path("attention_types")) {
      for (int r = 0; r < group.get(1).asInt(); r++) {
        group.get(0).forEach(n -> layers.add(n.asText()));
      }
    }
    if (layers.size() != c.numLayers()) {
      throw new IllegalArgumentException(
          "attention_types describe " + layers.size() + " layers, model has " + c.numLayers());
    }
    return layers;
  }
}
