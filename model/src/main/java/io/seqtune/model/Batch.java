package io.seqtune.model;

import java.util.Arrays;
import java.util.List;

/**
 * A right-padded training batch. {@code labels} are the input ids where the loss applies and -100
 * elsewhere (prompt and padding); like Hugging Face, the model shifts them by one internally.
 */
public record Batch(long[][] inputIds, long[][] labels, long[][] attentionMask) {
  public static final long IGNORE = -100;

  /**
   * prompt + response per example, truncated to {@code maxLen}, padded to the longest example; the
   * loss covers response tokens only. Append the end-of-sequence id to responses to teach stopping.
   */
  public static Batch of(List<int[]> promptIds, List<int[]> responseIds, int padId, int maxLen) {
    if (promptIds.size() != responseIds.size()) {
      throw new IllegalArgumentException("prompts and responses differ in number");
    }
    int rows = promptIds.size();
    int width = 0;
    for (int i = 0; i < rows; i++) {
      width =
          Math.max(width, Math.min(maxLen, promptIds.get(i).length + responseIds.get(i).length));
    }
    long pad = Math.max(padId, 0);
    long[][] ids = new long[rows][width];
    long[][] labels = new long[rows][width];
    long[][] mask = new long[rows][width];
    for (int i = 0; i < rows; i++) {
      int[] prompt = promptIds.get(i);
      int[] response = responseIds.get(i);
      Arrays.fill(ids[i], pad);
      Arrays.fill(labels[i], IGNORE);
      int length = Math.min(maxLen, prompt.length + response.length);
      for (int t = 0; t < length; t++) {
        boolean inPrompt = t < prompt.length;
        ids[i][t] = inPrompt ? prompt[t] : response[t - prompt.length];
        labels[i][t] = inPrompt ? IGNORE : ids[i][t];
        mask[i][t] = 1;
      }
    }
    return new Batch(ids, labels, mask);
  }

  /** Plain language modelling: the loss covers every token. */
  public static Batch ofSequences(List<int[]> sequences, int padId, int maxLen) {
    return of(sequences.stream().map(s -> new int[0]).toList(), sequences, padId, maxLen);
  }

  /**
   * Tokens the loss covers: labels other than {@link #IGNORE} after the one-position shift (a row's
   * first label predicts nothing). Weighs a batch's mean loss when averaging over batches.
   */
  public int lossTokenCount() {
    int n = 0;
    for (long[] row : labels) {
      for (int t = 1; t < row.length; t++) {
        n += row[t] == IGNORE ? 0 : 1;
      }
    }
    return n;
  }

  /** Tokens the model reads (attention mask ones). */
  public int tokenCount() {
    int n = 0;
    for (long[] row : attentionMask) {
      for (long m : row) {
        n += (int) m;
      }
    }
    return n;
  }
}
