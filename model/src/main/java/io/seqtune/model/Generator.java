package io.seqtune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.seqtune.model.nn.KvCache;
import io.seqtune.model.nn.NoGrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched decoding with a KV cache. Prompts of different lengths are left-padded; positions count
 * real tokens only, so a prompt decodes the same alone or in a batch. Results hold the generated
 * tokens only, without the prompt and without the end-of-sequence token. {@code eosId < 0} never stops.
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
        try (NoGrad noGrad = NoGrad.enter(); NDManager manager = model.manager().newSubManager();
                KvCache cache = model.newCache(manager)) {
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
                input = column(next);
                mask = withOnesColumn(mask);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.copyOf(generated[r], lengths[r]));
        }
        return out;
    }

    /** A finished hypothesis: generated tokens and length-penalised score. */
    private record Hypothesis(int[] tokens, float score, boolean finished) {}

    /**
     * Beam search as transformers 5 runs it (early_stopping=False): each step keeps the best
     * 2*beams continuations; those ending in EOS among the top {@code beams} become finished
     * hypotheses scored sum(log p) / generated_length^lengthPenalty, the best non-finished
     * continue. Stops at maxNewTokens or when no running beam can beat the finished ones.
     *
     * @return per prompt, the best {@code numReturn} (<= beams) hypotheses, best first
     */
    public List<List<int[]>> beam(List<int[]> prompts, int beams, int maxNewTokens, int eosId, double lengthPenalty,
            int numReturn) {
        if (numReturn > beams) {
            throw new IllegalArgumentException("numReturn must not exceed beams");
        }
        int batch = prompts.size();
        int vocab = model.config().vocabSize();
        int candidates = 2 * beams;
        float[][] runningScores = new float[batch][beams];
        int[][][] running = new int[batch][beams][0];
        List<List<Hypothesis>> finished = new ArrayList<>();
        boolean[] improvable = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(runningScores[b], 1, beams, FINISHED); // all beams start equal: only beam 0 may expand
            finished.add(new ArrayList<>());
            improvable[b] = true;
        }
        try (NoGrad noGrad = NoGrad.enter(); NDManager manager = model.manager().newSubManager();
                KvCache cache = model.newCache(manager)) {
            List<int[]> expanded = new ArrayList<>();
            prompts.forEach(p -> { for (int k = 0; k < beams; k++) { expanded.add(p); } });
            LeftPadded padded = LeftPadded.of(expanded, padId());
            long[][] input = padded.ids();
            long[][] mask = padded.mask();
            for (int step = 0; step < maxNewTokens; step++) {
                float[] topScores;
                long[] topIndices;
                try (NDScope scope = new NDScope()) {
                    NDArray scores = lastLogits(manager, input, mask, cache).logSoftmax(-1) // [B*beams, V]
                            .add(manager.create(flatten(runningScores)).reshape(-1, 1))
                            .reshape(batch, (long) beams * vocab);
                    NDList top = scores.topK(candidates, -1, true, true);
                    topScores = top.get(0).toFloatArray();
                    topIndices = top.get(1).toLongArray();
                }
                boolean lastStep = step == maxNewTokens - 1;
                long[] sourceRows = new long[batch * beams];
                long[] nextTokens = new long[batch * beams];
                float penalty = (float) Math.pow(step + 1, lengthPenalty);
                for (int b = 0; b < batch; b++) {
                    Integer[] order = new Integer[candidates];
                    float[] runningScore = new float[candidates];
                    for (int c = 0; c < candidates; c++) {
                        int i = b * candidates + c;
                        int token = (int) (topIndices[i] % vocab);
                        boolean ends = token == eosId || lastStep;
                        int[] tokens = append(running[b][(int) (topIndices[i] / vocab)], token);
                        if (ends && c < beams && improvable[b]) {
                            finished.get(b).add(new Hypothesis(tokens, topScores[i] / penalty, true));
                        }
                        runningScore[c] = topScores[i] + (ends ? FINISHED : 0);
                        order[c] = c;
                    }
                    finished.get(b).sort(Comparator.comparing(Hypothesis::score).reversed());
                    if (finished.get(b).size() > beams) {
                        finished.get(b).subList(beams, finished.get(b).size()).clear();
                    }
                    Arrays.sort(order, (x, y) -> Float.compare(runningScore[y], runningScore[x]));
                    int[][] nextRunning = new int[beams][];
                    for (int k = 0; k < beams; k++) {
                        int c = order[k];
                        int i = b * candidates + c;
                        int source = (int) (topIndices[i] / vocab);
                        nextRunning[k] = append(running[b][source], (int) (topIndices[i] % vocab));
                        runningScores[b][k] = runningScore[c];
                        sourceRows[b * beams + k] = (long) b * beams + source;
                        nextTokens[b * beams + k] = topIndices[i] % vocab;
                    }
                    running[b] = nextRunning;
                    improvable[b] &= canImprove(finished.get(b), beams, runningScores[b][0], step + 1, lengthPenalty);
                }
                if (lastStep || !anyTrue(improvable)) {
                    break;
                }
                try (NDScope scope = new NDScope()) {
                    cache.selectRows(manager.create(sourceRows));
                }
                input = column(nextTokens);
                mask = withOnesColumn(mask); // beams of one prompt share its padding, so rows need no reordering
            }
        }
        List<List<int[]>> out = new ArrayList<>();
        for (List<Hypothesis> hypotheses : finished) {
            out.add(hypotheses.stream().limit(numReturn).map(h -> stripEos(h.tokens(), eosId)).toList());
        }
        return out;
    }

    /** transformers' heuristic for early_stopping=False: the best running beam at its current length vs the worst finished. */
    private static boolean canImprove(List<Hypothesis> finished, int beams, float bestRunning, int generated,
            double lengthPenalty) {
        if (finished.size() < beams) {
            return true;
        }
        return bestRunning / (float) Math.pow(generated, lengthPenalty) > finished.get(finished.size() - 1).score();
    }

    private NDArray lastLogits(NDManager manager, long[][] ids, long[][] mask, KvCache cache) { // -> [B, V]
        return model.forward(manager.create(ids), manager.create(mask), cache, false).get(":, -1, :");
    }

    private int padId() {
        return Math.max(model.config().padId(), 0);
    }

    /** Prompts right-aligned in a [B, maxLen] matrix with a matching attention mask. */
    private record LeftPadded(long[][] ids, long[][] mask) {
        static LeftPadded of(List<int[]> prompts, int padId) {
            int width = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
            long[][] ids = new long[prompts.size()][width];
            long[][] mask = new long[prompts.size()][width];
            for (int r = 0; r < prompts.size(); r++) {
                int[] p = prompts.get(r);
                int offset = width - p.length;
                Arrays.fill(ids[r], padId);
                for (int t = 0; t < p.length; t++) {
                    ids[r][offset + t] = p[t];
                    mask[r][offset + t] = 1;
                }
            }
            return new LeftPadded(ids, mask);
        }
    }

    private static long[][] column(long[] tokens) {
        long[][] c = new long[tokens.length][1];
        for (int r = 0; r < tokens.length; r++) {
            c[r][0] = tokens[r];
        }
        return c;
    }

    private static long[][] withOnesColumn(long[][] mask) {
        long[][] out = new long[mask.length][];
        for (int r = 0; r < mask.length; r++) {
            out[r] = Arrays.copyOf(mask[r], mask[r].length + 1);
            out[r][mask[r].length] = 1;
        }
        return out;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, width);
        }
        return out;
    }

    private static int[] append(int[] tokens, int token) {
        int[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = token;
        return out;
    }

    private static int[] stripEos(int[] tokens, int eosId) {
        return tokens.length > 0 && tokens[tokens.length - 1] == eosId ? Arrays.copyOf(tokens, tokens.length - 1) : tokens;
    }

    private static boolean anyTrue(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }
}
