package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.nn.Activation;
import io.seqtune.model.nn.Attention;
import io.seqtune.model.nn.Block;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.Embeddings;
import io.seqtune.model.nn.Init;
import io.seqtune.model.nn.LayerNorm;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.Mlp;
import io.seqtune.model.nn.Parameters;
import io.seqtune.model.nn.SeparateQkv;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-Neo: GPT-2 with q/k/v without bias, no 1/sqrt(d) scaling, and alternating global/local
 * attention.
 */
final class GptNeo implements Architecture {
  @Override
  public Decoder build(ModelConfig c, Parameters p) {
    int hidden = c.hiddenSize();
    int headDim = hidden / c.numHeads();
    List<String> layerTypes = attentionLayers(c);
    NDArray wte = p.add("transformer.wte.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    NDArray wpe =
        p.add("transformer.wpe.weight", new Shape(c.maxPositions(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "transformer.h." + i + ".";
      String a = h + "attn.attention.";
      SeparateQkv qkv = SeparateQkv.create(p, a, hidden, hidden, hidden, false, headDim);
      Attention attention =
          new Attention(
              qkv,
              Linear.create(p, a + "out_proj", hidden, hidden, true),
              c.numHeads(),
              c.numHeads(),
              1,
              null,
              layerTypes.get(i).equals("local"),
              c.doubleValue("attention_dropout", 0));
      Mlp mlp =
          new Mlp(
              Linear.create(p, h + "mlp.c_fc", hidden, c.intermediateSize(), true),
              Activation.fromHf(c.activation()),
              Linear.create(p, h + "mlp.c_proj", c.intermediateSize(), hidden, true));
      blocks.add(
          new Block(
              Block.Residual.PRE_NORM,
              new LayerNorm(p, h + "ln_1", hidden, c.normEps()),
              attention,
              new LayerNorm(p, h + "ln_2", hidden, c.normEps()),
              mlp,
              c.doubleValue("resid_dropout", 0)));
    }
    LayerNorm lnF = new LayerNorm(p, "transformer.ln_f", hidden, c.normEps());
    return new Decoder(
        new Embeddings(wte, null, wpe, 0, c.doubleValue("embed_dropout", 0)),
        blocks,
        lnF,
        null,
        Architecture.lmHead(c, p, wte, "lm_head"),
        null,
        c.intValue("window_size", 256));
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
