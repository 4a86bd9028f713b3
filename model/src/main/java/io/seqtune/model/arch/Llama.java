package io.seqtune.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.nn.Activation;
import io.seqtune.model.nn.Attention;
import io.seqtune.model.nn.Block;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.Embeddings;
import io.seqtune.model.nn.GatedMlp;
import io.seqtune.model.nn.Init;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.Parameters;
import io.seqtune.model.nn.RmsNorm;
import io.seqtune.model.nn.Rotary;
import io.seqtune.model.nn.SeparateQkv;
import java.util.ArrayList;
import java.util.List;

/**
 * Llama and its look-alikes (SmolLM, Mistral without sliding window, Qwen2): RMSNorm, rotary on the
 * whole head, grouped-query attention, SwiGLU MLP. Qwen2 puts biases on q/k/v only.
 */
final class Llama implements Architecture {
  @Override
  public Decoder build(ModelConfig c, Parameters p) {
    int hidden = c.hiddenSize();
    int headDim = c.headDim();
    boolean qwen = c.modelType().equals("qwen2");
    boolean qkvBias = qwen || c.boolValue("attention_bias", false);
    boolean outBias = !qwen && c.boolValue("attention_bias", false);
    boolean mlpBias = c.boolValue("mlp_bias", false);
    int qSize = c.numHeads() * headDim;
    int kvSize = c.numKeyValueHeads() * headDim;
    Rotary rotary = new Rotary(headDim, Architecture.ropeTheta(c));
    NDArray embed =
        p.add("model.embed_tokens.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "model.layers." + i + ".";
      String a = l + "self_attn.";
      SeparateQkv qkv = SeparateQkv.create(p, a, hidden, qSize, kvSize, qkvBias, headDim);
      Attention attention =
          new Attention(
              qkv,
              Linear.create(p, a + "o_proj", qSize, hidden, outBias),
              c.numHeads(),
              c.numKeyValueHeads(),
              1 / Math.sqrt(headDim),
              rotary,
              false,
              c.doubleValue("attention_dropout", 0));
      GatedMlp mlp =
          new GatedMlp(
              Linear.create(p, l + "mlp.gate_proj", hidden, c.intermediateSize(), mlpBias),
              Linear.create(p, l + "mlp.up_proj", hidden, c.intermediateSize(), mlpBias),
              Activation.fromHf(c.activation()),
              Linear.create(p, l + "mlp.down_proj", c.intermediateSize(), hidden, mlpBias));
      blocks.add(
          new Block(
              Block.Residual.PRE_NORM,
              new RmsNorm(p, l + "input_layernorm", hidden, c.normEps()),
              attention,
              new RmsNorm(p, l + "post_attention_layernorm", hidden, c.normEps()),
              mlp,
              0));
    }
    RmsNorm norm = new RmsNorm(p, "model.norm", hidden, c.normEps());
    return new Decoder(
        new Embeddings(embed, null, null, 0, 0),
        blocks,
        norm,
        null,
        Architecture.lmHead(c, p, embed, "lm_head"),
        rotary,
        0);
  }
}
