package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sampling on a tiny random GPT-2 whose distributions are far from flat. */
class SamplerTest {
  private static final int VOCAB = 7;
  private static final int EOS = 2;
  private static final List<int[]> PROMPTS = List.of(new int[] {1, 4, 3}, new int[] {5, 6});

  private static CausalLM model() {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(VOCAB)
            .layers(1)
            .hidden(8)
            .heads(2)
            .maxPositions(32)
            .tokens(0, EOS, 0)
            .dropout(0)
            .build()
            .with("initializer_range", DoubleNode.valueOf(1.0));
    return CausalLM.random(config, 11, DeviceChoice.CPU);
  }

  @Test
  void topOneSamplingIsGreedyDecoding() {
    try (CausalLM model = model()) {
      List<int[]> greedy = new Generator(model).greedy(PROMPTS, 6, EOS);
      List<List<Sampler.Sample>> samples =
          new Sampler(model).sample(PROMPTS, 6, EOS, new Sampling(3, 0.7, 1, 5));
      for (int p = 0; p < PROMPTS.size(); p++) {
        for (Sampler.Sample s : samples.get(p)) {
          assertThat(s.tokens()).containsExactly(greedy.get(p));
        }
      }
    }
  }

  @Test
  void theSameSeedDrawsTheSameSamplesAndAHighTemperatureDrawsDifferentOnes() {
    try (CausalLM model = model()) {
      Sampling hot = new Sampling(16, 2.0, 0, 9);
      List<List<Sampler.Sample>> first = new Sampler(model).sample(PROMPTS, 6, EOS, hot);
      List<List<Sampler.Sample>> again = new Sampler(model).sample(PROMPTS, 6, EOS, hot);
      for (int p = 0; p < PROMPTS.size(); p++) {
        Set<List<Integer>> distinct = new HashSet<>();
        for (int s = 0; s < hot.count(); s++) {
          assertThat(again.get(p).get(s).tokens()).containsExactly(first.get(p).get(s).tokens());
          distinct.add(Arrays.stream(first.get(p).get(s).tokens()).boxed().toList());
        }
        assertThat(distinct).hasSizeGreaterThan(1);
      }
    }
  }

  @Test
  void aSamplesLogProbabilityIsTheModelsUntemperedOne() {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = model()) {
      int[] prompt = PROMPTS.get(0);
      Sampler.Sample s =
          new Sampler(model)
              .sample(List.of(prompt), 5, EOS, new Sampling(1, 1.5, 4, 3))
              .get(0)
              .get(0);
      // The drawn tokens plus EOS when the sample stopped before the limit.
      int[] drawn =
          s.tokens().length < 5
              ? IntStream.concat(Arrays.stream(s.tokens()), IntStream.of(EOS)).toArray()
              : s.tokens();
      long[] ids = new long[prompt.length + drawn.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = i < prompt.length ? prompt[i] : drawn[i - prompt.length];
      }
      NDArray input = m.create(new long[][] {ids});
      float[] logp =
          model
              .logits(input, m.ones(input.getShape(), DataType.INT64))
              .logSoftmax(-1)
              .toFloatArray();
      double expected = 0;
      for (int t = 0; t < drawn.length; t++) {
        expected += logp[(prompt.length - 1 + t) * VOCAB + drawn[t]];
      }
      assertThat(s.logProb()).isCloseTo(expected, within(1e-4));
    }
  }
}
