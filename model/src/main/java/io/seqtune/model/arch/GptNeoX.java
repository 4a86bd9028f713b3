package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.nn.Activation;
import io.seqtune.model.nn.Attention;
import io.seqtune.model.nn.Block;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.Embeddings;
import io.seqtune.model.nn.HeadInterleavedQkv;
import io.seqtune.model.nn.Init;
import io.seqtune.model.nn.LayerNorm;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.Mlp;
import io.seqtune.model.nn.Parameters;
import io.seqtune.model.nn.Rotary;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-NeoX / Pythia: rotary on a fraction of each head, q/k/v interleaved per head, parallel
 * residual.
 */
final class GptNeoX implements Architecture {
  @Override
  public Decoder build(ModelConfig c, Parameters p) {
    int hidden = c.hiddenSize();
    int headDim = c.headDim();
    boolean bias = c.boolValue("attention_bias", true);
    double rotaryFraction =
        c.doubleValue(
            "rotary_pct",
            c.raw()
                .path("rope_parameters")
                .path("partial_rotary_factor")
                .asDouble(c.doubleValue("partial_rotary_factor", 0.25)));
    int rotaryDim = (int) (headDim * rotaryFraction);
    Rotary rotary = rotaryDim == 0 ? null : new Rotary(rotaryDim, Architecture.ropeTheta(c));
    Block.Residual residual =
        c.boolValue("use_parallel_residual", true)
            ? Block.Residual.PARALLEL
            : Block.Residual.PRE_NORM;
    NDArray embedIn =
        p.add("gpt_neox.embed_in.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "gpt_neox.layers." + i + ".";
      Attention attention =
          new Attention(
              new HeadInterleavedQkv(
                  Linear.create(p, l + "attention.query_key_value", hidden, 3 * hidden, bias),
                  headDim),
              Linear.create(p, l + "attention.dense", hidden, hidden, bias),
              c.numHeads(),
              c.numHeads(),
              1 / Math.sqrt(headDim),
              rotary,
              false,
              c.doubleValue("attention_dropout", 0));
      Mlp mlp =
          new Mlp(
              Linear.create(p, l + "mlp.dense_h_to_4h", hidden, c.intermediateSize(), true),
              Activation.fromHf(c.activation()),
              Linear.create(p, l + "mlp.dense_4h_to_h", c.intermediateSize(), hidden, true));
      blocks.add(
          new Block(
              residual,
              new LayerNorm(p, l + "input_layernorm", hidden, c.normEps()),
              attention,
              new LayerNorm(p, l + "post_attention_layernorm", hidden, c.normEps()),
              mlp,
              c.doubleValue("hidden_dropout", 0)));
    }
    LayerNorm norm = new LayerNorm(p, "gpt_neox.final_layer_norm", hidden, c.normEps());
    return new Decoder(
        new Embeddings(embedIn, null, null, 0, 0),
        blocks,
        norm,
        null,
        Architecture.lmHead(c, p, embedIn, "embed_out"),
        rotary,
        0);
  }
}
