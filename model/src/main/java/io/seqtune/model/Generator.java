package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.seqtune.model.nn.KvCache;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.PackedWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched decoding with a KV cache. Prompts of different lengths are left-padded; positions count
 * real tokens only, so a prompt decodes the same alone or in a batch. Results hold the generated
 * tokens only, without the prompt and without the end-of-sequence token. {@code eosId < 0} never
 * stops. Each call packs the linear weights for inference unless the caller holds them packed
 * already ({@link CausalLM#packWeights()}, worth it for many calls on a large model).
 */
public final class Generator {
  private static final float FINISHED = -1e9f; // HF's "impossible" beam score

  private final CausalLM model;

  public Generator(CausalLM model) {
    this.model = model;
  }

  /** Greedy (argmax) decoding of up to {@code maxNewTokens} tokens per prompt. */
  public List<int[]> greedy(List<int[]> prompts, int maxNewTokens, int eosId) {
    int rows = prompts.size();
    int[][] generated = new int[rows][maxNewTokens];
    int[] lengths = new int[rows];
    boolean[] done = new boolean[rows];
    try (NoGrad noGrad = NoGrad.enter();
        PackedWeights packed = model.packWeights();
        NDManager manager = model.manager().newSubManager();
        KvCache cache = model.newCache(manager, LeftPadded.width(prompts) + maxNewTokens)) {
      LeftPadded batch = LeftPadded.of(prompts, padId());
      long[][] input = batch.ids();
      long[][] mask = batch.mask();
      for (int n = 0; n < maxNewTokens; n++) {
        long[] next;
        try (NDScope scope = new NDScope()) {
          next = lastLogits(manager, input, mask, cache).argMax(-1).toLongArray();
        }
        boolean allDone = true;
        for (int r = 0; r < rows; r++) {
          if (!done[r]) {
            done[r] = next[r] == eosId;
            if (!done[r]) {
              generated[r][lengths[r]++] = (int) next[r];
            }
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
    List<int[]> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      out.add(Arrays.copyOf(generated[r], lengths[r]));
    }
    return out;
  }

  /** A finished hypothesis: generated tokens (EOS included) and length-penalised score. */
  private record Hypothesis(int[] tokens, float score) {}

  /**
   * The beams of one prompt: running sequences with their summed log-probabilities, and the best
   * finished ones.
   */
  private static final class Beams {
    final int width;
    int[][] running; // [width][generated so far]
    final float[] scores; // sum of log p per running beam
    final List<Hypothesis> finished = new ArrayList<>();
    boolean improvable = true;

    Beams(int width) {
      this.width = width;
      this.running = new int[width][0];
      this.scores = new float[width];
      Arrays.fill(scores, 1, width, FINISHED); // the beams start identical: only beam 0 may expand
    }

    /**
     * One step from this prompt's 2*width best continuations (sorted, as (beam * V + token,
     * score)): ending ones ranked within the top width become hypotheses, the best others keep
     * running.
     *
     * @return for each new running beam, the index of the beam it extends
     */
    int[] advance(
        long[] indices,
        float[] candidateScores,
        int vocab,
        int eosId,
        boolean lastStep,
        int generated,
        double lengthPenalty) {
      int candidates = indices.length;
      float penalty = (float) Math.pow(generated, lengthPenalty);
      Integer[] order = new Integer[candidates];
      float[] runningScore = new float[candidates];
      for (int c = 0; c < candidates; c++) {
        boolean ends = indices[c] % vocab == eosId || lastStep;
        if (ends && c < width && improvable) {
          finished.add(new Hypothesis(extend(indices[c], vocab), candidateScores[c] / penalty));
        }
        runningScore[c] = candidateScores[c] + (ends ? FINISHED : 0);
        order[c] = c;
      }
      finished.sort(Comparator.comparing(Hypothesis::score).reversed());
      if (finished.size() > width) {
        finished.subList(width, finished.size()).clear();
      }
      Arrays.sort(
          order,
          (x, y) -> Float.compare(runningScore[y], runningScore[x])); // stable: rank breaks ties
      int[][] next = new int[width][];
      int[] sourceBeams = new int[width];
      for (int k = 0; k < width; k++) {
        int c = order[k];
        next[k] = extend(indices[c], vocab);
        scores[k] = runningScore[c];
        sourceBeams[k] = (int) (indices[c] / vocab);
      }
      running = next;
      improvable &= canImprove(generated, lengthPenalty);
      return sourceBeams;
    }

    int lastToken(int beam) {
      return running[beam][running[beam].length - 1];
    }

    private int[] extend(long index, int vocab) {
      return append(running[(int) (index / vocab)], (int) (index % vocab));
    }

    /**
     * transformers' heuristic for early_stopping=False: best running beam at its current length vs
     * worst finished.
     */
    private boolean canImprove(int generated, double lengthPenalty) {
      return finished.size() < width
          || scores[0] / (float) Math.pow(generated, lengthPenalty)
              > finished.get(finished.size() - 1).score();
    }
  }

  /**
   * Beam search as transformers 5 runs it (early_stopping=False): each step keeps the best 2*beams
   * continuations; those ending in EOS among the top {@code beams} become finished hypotheses
   * scored sum(log p) / generated_length^lengthPenalty, the best non-finished continue. Stops at
   * maxNewTokens or when no running beam can beat the finished ones.
   *
   * @return per prompt, the best {@code numReturn} (<= beams) hypotheses, best first
   */
  public List<List<int[]>> beam(
      List<int[]> prompts,
      int beams,
      int maxNewTokens,
      int eosId,
      double lengthPenalty,
      int numReturn) {
    if (numReturn > beams) {
      throw new IllegalArgumentException("numReturn must not exceed beams");
    }
    int batch = prompts.size();
    int vocab = model.config().vocabSize();
    int candidates = 2 * beams;
    List<Beams> state = new ArrayList<>();
    List<int[]> rows = new ArrayList<>(); // row b * beams + k holds beam k of prompt b
    for (int[] prompt : prompts) {
      state.add(new Beams(beams));
      for (int k = 0; k < beams; k++) {
        rows.add(prompt);
      }
    }
    int promptWidth = LeftPadded.width(rows);
    try (NoGrad noGrad = NoGrad.enter();
        PackedWeights packed = model.packWeights();
        NDManager manager = model.manager().newSubManager();
        KvCache cache = model.newCache(manager, promptWidth + maxNewTokens)) {
      LeftPadded padded = LeftPadded.of(rows, padId());
      long[][] input = padded.ids();
      long[][] mask = padded.mask();
      for (int step = 0; step < maxNewTokens; step++) {
        float[] topScores;
        long[] topIndices;
        try (NDScope scope = new NDScope()) {
          float[] runningScores = new float[batch * beams];
          for (int b = 0; b < batch; b++) {
            System.arraycopy(state.get(b).scores, 0, runningScores, b * beams, beams);
          }
          NDArray scores =
              lastLogits(manager, input, mask, cache)
                  .logSoftmax(-1) // [B*beams, V]
                  .add(manager.create(runningScores).reshape(-1, 1))
                  .reshape(batch, (long) beams * vocab);
          NDList top = scores.topK(candidates, -1, true, true); // [B, 2*beams], best first
          topScores = top.get(0).toFloatArray();
          topIndices = top.get(1).toLongArray();
        }
        boolean lastStep = step == maxNewTokens - 1;
        long[] sourceRows = new long[batch * beams];
        long[] nextTokens = new long[batch * beams];
        int shared = step; // generated tokens every reordered beam has in common with its source
        for (int b = 0; b < batch; b++) {
          int from = b * candidates;
          int[][] before = state.get(b).running;
          int[] sourceBeams =
              state
                  .get(b)
                  .advance(
                      Arrays.copyOfRange(topIndices, from, from + candidates),
                      Arrays.copyOfRange(topScores, from, from + candidates),
                      vocab,
                      eosId,
                      lastStep,
                      step + 1,
                      lengthPenalty);
          for (int k = 0; k < beams; k++) {
            if (sourceBeams[k] != k) {
              shared = Math.min(shared, commonPrefix(before[k], before[sourceBeams[k]]));
            }
            sourceRows[b * beams + k] = (long) b * beams + sourceBeams[k];
            nextTokens[b * beams + k] = state.get(b).lastToken(k);
          }
        }
        if (lastStep || state.stream().noneMatch(s -> s.improvable)) {
          break;
        }
        cache.reorderRows(sourceRows, promptWidth + shared); // equal tokens, equal keys and values
        input = LeftPadded.column(nextTokens);
        mask =
            LeftPadded.withOnesColumn(
                mask); // beams of one prompt share its padding, so rows need no reordering
      }
    }
    return state.stream()
        .map(
            s ->
                s.finished.stream().limit(numReturn).map(h -> stripEos(h.tokens(), eosId)).toList())
        .toList();
  }

  private NDArray lastLogits(
      NDManager manager, long[][] ids, long[][] mask, KvCache cache) { // -> [B, V]
    return model.nextTokenLogits(manager.create(ids), manager.create(mask), cache);
  }

  private int padId() {
    return Math.max(model.config().padId(), 0);
  }

  private static int commonPrefix(int[] a, int[] b) {
    int n = 0;
    while (n < a.length && n < b.length && a[n] == b[n]) {
      n++;
    }
    return n;
  }

  private static int[] append(int[] tokens, int token) {
    int[] out = Arrays.copyOf(tokens, tokens.length + 1);
    out[tokens.length] = token;
    return out;
  }

  private static int[] stripEos(int[] tokens, int eosId) {
    return tokens.length > 0 && tokens[tokens.length - 1] == eosId
        ? Arrays.copyOf(tokens, tokens.length - 1)
        : tokens;
  }
}
