package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
    GptNeoConfig g = GptNeoConfig.of(c);
    NDArray wte = p.add("transformer.wte.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    NDArray wpe =
        p.add("transformer.wpe.weight", new Shape(c.maxPositions(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "transformer.h." + i + ".";
      String a = h + "attn.attention.";
      SeparateQkv qkv = SeparateQkv.create(p, a, hidden, hidden, hidden, false, headDim);
      Attention attention =
          Attention.builder()
              .qkv(qkv)
              .out(Linear.create(p, a + "out_proj", hidden, hidden, true))
              .heads(c.numHeads())
              .scale(1)
              .local(g.local(i))
              .dropout(g.attentionDropout())
              .build();
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
              g.residDropout()));
    }
    LayerNorm lnF = new LayerNorm(p, "transformer.ln_f", hidden, c.normEps());
    return Decoder.builder()
        .embeddings(
            Embeddings.builder().tokens(wte).positions(wpe, 0).dropout(g.embedDropout()).build())
        .blocks(blocks)
        .finalNorm(lnF)
        .lmHead(Architecture.lmHead(c, p, wte, "lm_head"))
        .localWindow(g.windowSize())
        .build();
  }
}
