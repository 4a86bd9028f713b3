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
    OptConfig o = OptConfig.of(c);
    int embedDim = o.wordEmbedProjDim();
    boolean bias = o.enableBias();
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
          Attention.builder()
              .qkv(qkv)
              .out(Linear.create(p, a + "out_proj", hidden, hidden, bias))
              .heads(c.numHeads())
              .scale(1 / Math.sqrt(c.headDim()))
              .dropout(o.attentionDropout())
              .build();
      LayerNorm attentionNorm = new LayerNorm(p, l + "self_attn_layer_norm", hidden, c.normEps());
      Mlp mlp =
          new Mlp(
              Linear.create(p, l + "fc1", hidden, c.intermediateSize(), bias),
              Activation.fromHf(c.activation()),
              Linear.create(p, l + "fc2", c.intermediateSize(), hidden, bias));
      LayerNorm mlpNorm = new LayerNorm(p, l + "final_layer_norm", hidden, c.normEps());
      blocks.add(
          new Block(
              o.doLayerNormBefore() ? Block.Residual.PRE_NORM : Block.Residual.POST_NORM,
              attentionNorm,
              attention,
              mlpNorm,
              mlp,
              o.dropout()));
    }
    LayerNorm norm =
        o.finalLayerNorm() ? new LayerNorm(p, d + "final_layer_norm", hidden, c.normEps()) : null;
    return Decoder.builder()
        .embeddings(
            Embeddings.builder()
                .tokens(tokens)
                .projectIn(projectIn)
                .positions(positions, POSITION_OFFSET)
                .build())
        .blocks(blocks)
        .finalNorm(norm)
        .projectOut(projectOut)
        .lmHead(Architecture.lmHead(c, p, tokens, "lm_head"))
        .build();
  }
}
