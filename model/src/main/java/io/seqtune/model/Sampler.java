package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.seqtune.model.nn.KvCache;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.PackedWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ancestral sampling with a KV cache: each prompt decodes {@link Sampling#count()} times in one
 * batch, every token drawn from softmax(logits / temperature) over the top-k tokens. Draws use a
 * Java random stream (row by row, step by step), so the same seed gives the same samples. Results
 * hold the generated tokens only, without the prompt and without the end-of-sequence token.
 */
public final class Sampler {
  private final CausalLM model;

  public Sampler(CausalLM model) {
    this.model = model;
  }

  /**
   * A drawn sequence and its log-probability under the model itself (temperature 1, no top-k),
   * end-of-sequence token included when drawn: comparable across samples and with beam scores.
   */
  public record Sample(int[] tokens, double logProb) {}

  /**
   * @return per prompt, its samples in draw order (duplicates kept)
   */
  public List<List<Sample>> sample(
      List<int[]> prompts, int maxNewTokens, int eosId, Sampling sampling) {
    int n = sampling.count();
    List<int[]> rows = new ArrayList<>(); // row p * n + s is sample s of prompt p
    for (int[] prompt : prompts) {
      for (int s = 0; s < n; s++) {
        rows.add(prompt);
      }
    }
    int[][] generated = new int[rows.size()][maxNewTokens];
    int[] lengths = new int[rows.size()];
    double[] logProbs = new double[rows.size()];
    boolean[] done = new boolean[rows.size()];
    SplittableRandom random = new SplittableRandom(sampling.seed());
    int vocab = model.config().vocabSize();
    int pad = Math.max(model.config().padId(), 0);
    try (NoGrad noGrad = NoGrad.enter();
        PackedWeights packed = model.packWeights();
        NDManager manager = model.manager().newSubManager();
        KvCache cache = model.newCache(manager, LeftPadded.width(rows) + maxNewTokens)) {
      LeftPadded padded = LeftPadded.of(rows, pad);
      long[][] input = padded.ids();
      long[][] mask = padded.mask();
      for (int step = 0; step < maxNewTokens; step++) {
        float[] logp; // [rows * V]
        try (NDScope scope = new NDScope()) {
          NDArray logits =
              model.nextTokenLogits(manager.create(input), manager.create(mask), cache);
          logp = logits.logSoftmax(-1).toFloatArray();
        }
        long[] next = new long[rows.size()];
        boolean allDone = true;
        for (int r = 0; r < rows.size(); r++) {
          if (done[r]) {
            next[r] = pad; // keeps the batch aligned; never read
            continue;
          }
          int token = draw(logp, r * vocab, vocab, sampling, random);
          logProbs[r] += logp[r * vocab + token];
          next[r] = token;
          done[r] = token == eosId;
          if (!done[r]) {
            generated[r][lengths[r]++] = token;
          }
          allDone &= done[r];
        }
        if (allDone) {
          break;
        }
        input = LeftPadded.column(next);
        mask = LeftPadded.withOnesColumn(mask);
      }
    }
    List<List<Sample>> out = new ArrayList<>();
    for (int p = 0; p < prompts.size(); p++) {
      List<Sample> samples = new ArrayList<>();
      for (int r = p * n; r < (p + 1) * n; r++) {
        samples.add(new Sample(Arrays.copyOf(generated[r], lengths[r]), logProbs[r]));
      }
      out.add(samples);
    }
    return out;
  }

  /** One token from row {@code logp[from, from + vocab)} tempered and cut to the top k. */
  static int draw(float[] logp, int from, int vocab, Sampling sampling, SplittableRandom random) {
    double cutoff = Double.NEGATIVE_INFINITY;
    if (sampling.topK() > 0 && sampling.topK() < vocab) {
      float[] sorted = Arrays.copyOfRange(logp, from, from + vocab);
      Arrays.sort(sorted);
      cutoff = sorted[vocab - sampling.topK()];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logp[from + v]);
    }
    double[] weights = new double[vocab];
    double total = 0;
    for (int v = 0; v < vocab; v++) {
      float l = logp[from + v];
      weights[v] = l >= cutoff ? Math.exp((l - max) / sampling.temperature()) : 0;
      total += weights[v];
    }
    double u = random.nextDouble() * total;
    int last = 0;
    for (int v = 0; v < vocab; v++) {
      if (weights[v] > 0) {
        last = v;
        u -= weights[v];
        if (u < 0) {
          return v;
        }
      }
    }
    return last; // rounding left u a hair above zero
  }
}
