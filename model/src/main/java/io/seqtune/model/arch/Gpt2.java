package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.nn.Activation;
import io.seqtune.model.nn.Attention;
import io.seqtune.model.nn.Block;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.Embeddings;
import io.seqtune.model.nn.FusedQkv;
import io.seqtune.model.nn.Init;
import io.seqtune.model.nn.LayerNorm;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.Mlp;
import io.seqtune.model.nn.Parameters;
import java.util.ArrayList;
import java.util.List;

/** GPT-2: learned positions, pre-LayerNorm, fused c_attn, Conv1D weights stored [in, out]. */
final class Gpt2 implements Architecture {
  @Override
  public Decoder build(ModelConfig c, Parameters p) {
    int hidden = c.hiddenSize();
    int headDim = hidden / c.numHeads();
    Gpt2Config g = Gpt2Config.of(c);
    // GPT-2 scales the init of the projections into the residual stream by 1/sqrt(2 * layers).
    Init residualInit = Init.normal(c.initializerRange() / Math.sqrt(2.0 * c.numLayers()));
    NDArray wte = p.add("transformer.wte.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    NDArray wpe =
        p.add("transformer.wpe.weight", new Shape(c.maxPositions(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "transformer.h." + i + ".";
      double scale = g.scaleAttnWeights() ? 1 / Math.sqrt(headDim) : 1;
      if (g.scaleAttnByInverseLayerIdx()) {
        scale /= i + 1;
      }
      Attention attention =
          Attention.builder()
              .qkv(
                  new FusedQkv(
                      Linear.conv1d(p, h + "attn.c_attn", hidden, 3 * hidden, Init.normal()),
                      headDim))
              .out(Linear.conv1d(p, h + "attn.c_proj", hidden, hidden, residualInit))
              .heads(c.numHeads())
              .scale(scale)
              .dropout(g.attnPdrop())
              .build();
      Mlp mlp =
          new Mlp(
              Linear.conv1d(p, h + "mlp.c_fc", hidden, c.intermediateSize(), Init.normal()),
              Activation.fromHf(c.activation()),
              Linear.conv1d(p, h + "mlp.c_proj", c.intermediateSize(), hidden, residualInit));
      blocks.add(
          new Block(
              Block.Residual.PRE_NORM,
              new LayerNorm(p, h + "ln_1", hidden, c.normEps()),
              attention,
              new LayerNorm(p, h + "ln_2", hidden, c.normEps()),
              mlp,
              g.residPdrop()));
    }
    LayerNorm lnF = new LayerNorm(p, "transformer.ln_f", hidden, c.normEps());
    return Decoder.builder()
        .embeddings(
            Embeddings.builder().tokens(wte).positions(wpe, 0).dropout(g.embdPdrop()).build())
        .blocks(blocks)
        .finalNorm(lnF)
        .lmHead(Architecture.lmHead(c, p, wte, "lm_head"))
        .build();
  }
}
