package io.seqtune.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Task-agnostic string metrics: they compare text only, so any sequence task can use them. */
public final class TextMetrics {
  private static final int MAX_ORDER = 4;

  private TextMetrics() {}

  /**
   * Levenshtein distance divided by the longer length: 0 for equal strings, 1 for nothing in
   * common.
   */
  public static double normalizedEditDistance(String a, String b) {
    int longer = Math.max(a.length(), b.length());
    return longer == 0 ? 0.0 : (double) editDistance(a, b) / longer;
  }

  public static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Corpus BLEU-4 over characters (one reference per hypothesis): clipped 1- to 4-gram precisions,
   * geometric mean, brevity penalty. Character n-grams suit names, where one wrong letter matters.
   */
  public static double bleu4Chars(List<String> references, List<String> hypotheses) {
    if (references.size() != hypotheses.size()) {
      throw new IllegalArgumentException(
          references.size() + " references for " + hypotheses.size() + " hypotheses");
    }
    long[] matches = new long[MAX_ORDER];
    long[] totals = new long[MAX_ORDER];
    long referenceLength = 0;
    long hypothesisLength = 0;
    for (int i = 0; i < references.size(); i++) {
      String reference = references.get(i);
      String hypothesis = hypotheses.get(i);
      referenceLength += reference.length();
      hypothesisLength += hypothesis.length();
      for (int order = 1; order <= MAX_ORDER; order++) {
        Map<String, Integer> referenceCounts = ngrams(reference, order);
        for (Map.Entry<String, Integer> entry : ngrams(hypothesis, order).entrySet()) {
          matches[order - 1] +=
              Math.min(entry.getValue(), referenceCounts.getOrDefault(entry.getKey(), 0));
          totals[order - 1] += entry.getValue();
        }
      }
    }
    double logPrecision = 0;
    for (int order = 0; order < MAX_ORDER; order++) {
      if (matches[order] == 0) {
        return 0.0;
      }
      logPrecision += Math.log((double) matches[order] / totals[order]) / MAX_ORDER;
    }
    double brevity =
        hypothesisLength >= referenceLength
            ? 1.0
            : Math.exp(1.0 - (double) referenceLength / hypothesisLength);
    return brevity * Math.exp(logPrecision);
  }

  private static Map<String, Integer> ngrams(String text, int order) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + order <= text.length(); start++) {
      counts.merge(text.substring(start, start + order), 1, Integer::sum);
    }
    return counts;
  }
}
