package io.seqtune.model;

import java.util.Arrays;
import java.util.List;

/**
 * Prompts right-aligned in a [B, maxLen] matrix with a matching attention mask, and the inputs of
 * each later decoding step: what every decoder with a KV cache feeds the model.
 */
record LeftPadded(long[][] ids, long[][] mask) {
  static LeftPadded of(List<int[]> prompts, int padId) {
    int width = width(prompts);
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

  static int width(List<int[]> prompts) {
    return prompts.stream().mapToInt(p -> p.length).max().orElse(0);
  }

  /** One new token per row: the next step's [B, 1] input. */
  static long[][] column(long[] tokens) {
    long[][] c = new long[tokens.length][1];
    for (int r = 0; r < tokens.length; r++) {
      c[r][0] = tokens[r];
    }
    return c;
  }

  /** The mask grown by the step's token, attended by every row. */
  static long[][] withOnesColumn(long[][] mask) {
    long[][] out = new long[mask.length][];
    for (int r = 0; r < mask.length; r++) {
      out[r] = Arrays.copyOf(mask[r], mask[r].length + 1);
      out[r][mask[r].length] = 1;
    }
    return out;
  }
}
