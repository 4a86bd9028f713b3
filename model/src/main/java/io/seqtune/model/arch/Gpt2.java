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
    double residDropout = c.doubleValue("resid_pdrop", 0.1);
    // GPT-2 scales the init of the projections into the residual stream by 1/sqrt(2 * layers).
    Init residualInit = Init.normal(c.initializerRange() / Math.sqrt(2.0 * c.numLayers()));
    NDArray wte = p.add("transformer.wte.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    NDArray wpe =
        p.add("transformer.wpe.weight", new Shape(c.maxPositions(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "transformer.h." + i + ".";
      double scale = c.boolValue("scale_attn_weights", true) ? 1 / Math.sqrt(headDim) : 1;
      if (c.boolValue("scale_attn_by_inverse_layer_idx", false)) {
        scale /= i + 1;
      }
      Attention attention =
          new Attention(
              new FusedQkv(
                  Linear.conv1d(p, h + "attn.c_attn", hidden, 3 * hidden, Init.normal()), headDim),
              Linear.conv1d(p, h + "attn.c_proj", hidden, hidden, residualInit),
              c.numHeads(),
              c.numHeads(),
              scale,
              null,
              false,
              c.doubleValue("attn_pdrop", 0.1));
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
              residDropout));
    }
    LayerNorm lnF = new LayerNorm(p, "transformer.ln_f", hidden, c.normEps());
    return new Decoder(
        new Embeddings(wte, null, wpe, 0, c.doubleValue("embd_pdrop", 0.1)),
        blocks,
        lnF,
        null,
        Architecture.lmHead(c, p, wte, "lm_head"),
        null,
        0);
  }
}
