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
 * OPT: learned positions offset by 2, ReLU MLP (fc1/fc2). 125m and 1.3b are pre-LayerNorm; 350m is
 * post-LayerNorm without a final norm and embeds in word_embed_proj_dim, projected in and out.
 */
final class Opt implements Architecture {
  private static final int POSITION_OFFSET = 2;

  @Override
  public Decoder build(ModelConfig c, Parameters p) {
    int hidden = c.hiddenSize();
    int embedDim = c.intValue("word_embed_proj_dim", hidden);
    boolean preNorm = c.boolValue("do_layer_norm_before", true);
    boolean bias = c.boolValue("enable_bias", true);
    String d = "model.decoder.";
    NDArray tokens =
        p.add(d + "embed_tokens.weight", new Shape(c.vocabSize(), embedDim), Init.normal());
    NDArray positions =
        p.add(
            d + "embed_positions.weight",
            new Shape(c.maxPositions() + POSITION_OFFSET, hidden),
            Init.normal());
    Linear projectIn =
        embedDim == hidden ? null : Linear.create(p, d + "project_in", embedDim, hidden, false);
    Linear projectOut =
        embedDim == hidden ? null : Linear.create(p, d + "project_out", hidden, embedDim, false);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String l = d + "layers." + i + ".";
      String a = l + "self_attn.";
      SeparateQkv qkv = SeparateQkv.create(p, a, hidden, hidden, hidden, bias, c.headDim());
      Attention attention =
          new Attention(
              qkv,
              Linear.create(p, a + "out_proj", hidden, hidden, bias),
              c.numHeads(),
              c.numHeads(),
              1 / Math.sqrt(c.headDim()),
              null,
              false,
              c.doubleValue("attention_dropout", 0));
      LayerNorm attentionNorm = new LayerNorm(p, l + "self_attn_layer_norm", hidden, c.normEps());
      Mlp mlp =
          new Mlp(
              Linear.create(p, l + "fc1", hidden, c.intermediateSize(), bias),
              Activation.fromHf(c.activation()),
              Linear.create(p, l + "fc2", c.intermediateSize(), hidden, bias));
      LayerNorm mlpNorm = new LayerNorm(p, l + "final_layer_norm", hidden, c.normEps());
      blocks.add(
          new Block(
              preNorm ? Block.Residual.PRE_NORM : Block.Residual.POST_NORM,
              attentionNorm,
              attention,
              mlpNorm,
              mlp,
              c.doubleValue("dropout", 0.1)));
    }
    boolean finalNorm = preNorm && !c.boolValue("_remove_final_layer_norm", false);
    LayerNorm norm =
        finalNorm ? new LayerNorm(p, d + "final_layer_norm", hidden, c.normEps()) : null;
    return new Decoder(
        new Embeddings(tokens, projectIn, positions, POSITION_OFFSET, 0),
        blocks,
        norm,
        projectOut,
        Architecture.lmHead(c, p, tokens, "lm_head"),
        null,
        0);
  }
}
