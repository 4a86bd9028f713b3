package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With as many beams as there are prefixes, beam search is exhaustive: its best hypotheses must be
 * the best of all sequences that stop at EOS or at the length limit, found here by brute force.
 * Length penalty 0 makes transformers' early-stopping heuristic exact, so nothing may be pruned.
 */
class BeamSearchExhaustiveTest {
  private static final int VOCAB = 6;
  private static final int EOS = 2;
  private static final int NEW_TOKENS = 3;

  private record Scored(int[] tokens, double score) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3}) // seed 2's best two hypotheses end at EOS after 1 and 2 tokens
  void exhaustiveBeamSearchFindsTheBestSequencesEndingAtEosOrTheLimit(long seed) {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(VOCAB)
            .layers(1)
            .hidden(8)
            .heads(2)
            .maxPositions(16)
            .tokens(0, EOS, 0)
            .build()
            .withDropout(0)
            .with("initializer_range", DoubleNode.valueOf(1.0));
    int[] prompt = {1, 4, 3};
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.random(config, seed, DeviceChoice.CPU)) {
      List<Scored> all = new ArrayList<>();
      enumerate(model, m, prompt, new int[0], 0, all);
      all.sort(Comparator.comparingDouble(Scored::score).reversed());
      List<int[]> best =
          new Generator(model).beam(List.of(prompt), VOCAB * VOCAB, NEW_TOKENS, EOS, 0.0, 3).get(0);
      for (int i = 0; i < 3; i++) {
        int[] expected = all.get(i).tokens();
        if (expected[expected.length - 1] == EOS) {
          expected = Arrays.copyOf(expected, expected.length - 1);
        }
        assertThat(best.get(i)).as("rank %d", i).containsExactly(expected);
      }
    }
  }

  /**
   * Every continuation of {@code generated}: finished at EOS or after NEW_TOKENS tokens, scored by
   * summed log p.
   */
  private static void enumerate(
      CausalLM model, NDManager m, int[] prompt, int[] generated, double score, List<Scored> out) {
    long[] ids = new long[prompt.length + generated.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i < prompt.length ? prompt[i] : generated[i - prompt.length];
    }
    NDArray input = m.create(new long[][] {ids});
    float[] logProbs =
        model.logits(input, input.onesLike()).get("0, -1, :").logSoftmax(0).toFloatArray();
    for (int token = 0; token < VOCAB; token++) {
      int[] next = Arrays.copyOf(generated, generated.length + 1);
      next[generated.length] = token;
      double total = score + logProbs[token];
      if (token == EOS || next.length == NEW_TOKENS) {
        out.add(new Scored(next, total));
      } else {
        enumerate(model, m, prompt, next, total, out);
      }
    }
  }
}
