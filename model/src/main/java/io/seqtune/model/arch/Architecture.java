package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.Parameters;

/** Builds the shared {@link Decoder} the way one Hugging Face model type lays it out. */
public interface Architecture {
  Decoder build(ModelConfig config, Parameters params);

  static Architecture of(ModelConfig config) {
    return switch (config.modelType()) {
      case "gpt2" -> new Gpt2();
      case "gpt_neo" -> new GptNeo();
      case "opt" -> new Opt();
      case "gpt_neox" -> new GptNeoX();
      case "llama", "mistral", "qwen2" -> new Llama();
      default ->
          throw new IllegalArgumentException(
              "unsupported model_type "
                  + config.modelType()
                  + " (supported: gpt2, gpt_neo, opt, gpt_neox, llama, mistral, qwen2)");
    };
  }

  /** The output head: the token embedding itself when tied, else its own weight {@code name}. */
  static Linear lmHead(ModelConfig config, Parameters params, NDArray tokenEmbedding, String name) {
    if (config.tieWordEmbeddings()) {
      return new Linear(tokenEmbedding, null);
    }
    return Linear.create(
        params, name, (int) tokenEmbedding.getShape().get(1), config.vocabSize(), false);
  }

  /** Rotary base: rope_parameters.rope_theta (transformers 5), rope_theta or rotary_emb_base. */
  static double ropeTheta(ModelConfig config) {
    var rope = config.raw().path("rope_parameters");
    String type =
        rope.path("rope_type")
            .asText(config.raw().path("rope_scaling").path("rope_type").asText("default"));
    if (!type.equals("default")) {
      throw new IllegalArgumentException("rope_type " + type + " is not supported (only default)");
    }
    if (rope.hasNonNull("rope_theta")) {
      return rope.get("rope_theta").asDouble();
    }
    return config.doubleValue("rope_theta", config.doubleValue("rotary_emb_base", 10000));
  }
}
