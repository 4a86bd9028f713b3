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
    GptNeoXConfig x = GptNeoXConfig.of(c);
    boolean bias = x.attentionBias();
    int rotaryDim = (int) (headDim * x.rotaryPct());
    Rotary rotary = rotaryDim == 0 ? null : new Rotary(rotaryDim, x.ropeTheta());
    Block.Residual residual =
        x.useParallelResidual() ? Block.Residual.PARALLEL : Block.Residual.PRE_NORM;
    NDArray embedIn =
        p.add("gpt_neox.embed_in.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "gpt_neox.layers." + i + ".";
      Attention attention =
          Attention.builder()
              .qkv(
                  new HeadInterleavedQkv(
                      Linear.create(p, l + "attention.query_key_value", hidden, 3 * hidden, bias),
                      headDim))
              .out(Linear.create(p, l + "attention.dense", hidden, hidden, bias))
              .heads(c.numHeads())
              .scale(1 / Math.sqrt(headDim))
              .rotary(rotary)
              .dropout(x.attentionDropout())
              .build();
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
              x.hiddenDropout()));
    }
    LayerNorm norm = new LayerNorm(p, "gpt_neox.final_layer_norm", hidden, c.normEps());
    return Decoder.builder()
        .embeddings(Embeddings.builder().tokens(embedIn).build())
        .blocks(blocks)
        .finalNorm(norm)
        .lmHead(Architecture.lmHead(c, p, embedIn, "embed_out"))
        .rotary(rotary)
        .build();
  }
}
