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
    LlamaConfig llama = LlamaConfig.of(c);
    int qSize = c.numHeads() * headDim;
    int kvSize = c.numKeyValueHeads() * headDim;
    Rotary rotary = new Rotary(headDim, llama.ropeTheta());
    NDArray embed =
        p.add("model.embed_tokens.weight", new Shape(c.vocabSize(), hidden), Init.normal());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "model.layers." + i + ".";
      String a = l + "self_attn.";
      SeparateQkv qkv = SeparateQkv.create(p, a, hidden, qSize, kvSize, llama.qkvBias(), headDim);
      Attention attention =
          Attention.builder()
              .qkv(qkv)
              .out(Linear.create(p, a + "o_proj", qSize, hidden, llama.outBias()))
              .heads(c.numHeads())
              .kvHeads(c.numKeyValueHeads())
              .scale(1 / Math.sqrt(headDim))
              .rotary(rotary)
              .dropout(llama.attentionDropout())
              .build();
      GatedMlp mlp =
          new GatedMlp(
              Linear.create(p, l + "mlp.gate_proj", hidden, c.intermediateSize(), llama.mlpBias()),
              Linear.create(p, l + "mlp.up_proj", hidden, c.intermediateSize(), llama.mlpBias()),
              Activation.fromHf(c.activation()),
              Linear.create(p, l + "mlp.down_proj", c.intermediateSize(), hidden, llama.mlpBias()));
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
    return Decoder.builder()
        .embeddings(Embeddings.builder().tokens(embed).build())
        .blocks(blocks)
        .finalNorm(norm)
        .lmHead(Architecture.lmHead(c, p, embed, "lm_head"))
        .rotary(rotary)
        .build();
  }
}
