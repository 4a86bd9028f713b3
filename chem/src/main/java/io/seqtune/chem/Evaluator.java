package io.seqtune.chem;

import io.seqtune.text.TextMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scores predictions: text metrics for any task, plus OPSIN round-trip metrics for SMILES→IUPAC.
 */
public final class Evaluator {
  public static final int WORST_EXAMPLES = 20;
  private static final int[] BUCKET_UPPER_BOUNDS = {10, 20, 30, 40};

  private Evaluator() {}

  /**
   * @param chemistry true: the input is the source structure (SMILES or InChI) and names are judged
   *     by round trip; false: exact match, edit distance and BLEU only
   */
  public static EvalReport evaluate(List<EvalExample> examples, boolean chemistry, Stereo stereo) {
    return evaluate(examples, chemistry, stereo, Isotopes.STRICT);
  }

  public static EvalReport evaluate(
      List<EvalExample> examples, boolean chemistry, Stereo stereo, Isotopes isotopes) {
    // Judging is independent per example and dominated by OPSIN + InChI: spread it over every core.
    List<EvalReport.ScoredExample> scored =
        examples.parallelStream()
            .map(
                example ->
                    chemistry
                        ? scoreChemistry(example, stereo, isotopes).build()
                        : text(example).build())
            .toList();
    double bleu =
        TextMetrics.bleu4Chars(
            examples.stream().map(EvalExample::reference).toList(),
            examples.stream().map(EvalExample::prediction).toList());
    return new EvalReport(
        scored.size(),
        fraction(scored, EvalReport.ScoredExample::exact),
        chemistry ? fraction(scored, s -> Boolean.TRUE.equals(s.parsed())) : null,
        chemistry ? fraction(scored, s -> Boolean.TRUE.equals(s.matched())) : null,
        chemistry
            ? scored.stream().mapToDouble(EvalReport.ScoredExample::tanimoto).average().orElse(0)
            : null,
        bleu,
        scored.stream()
            .mapToDouble(EvalReport.ScoredExample::normalizedEditDistance)
            .average()
            .orElse(0),
        chemistry ? buckets(scored) : null,
        chemistry ? verdicts(scored) : null,
        worst(scored, chemistry));
  }

  private static EvalReport.ScoredExample.Builder text(EvalExample example) {
    return EvalReport.ScoredExample.builder(example).text(isExact(example), editDistance(example));
  }

  private static EvalReport.ScoredExample.Builder scoreChemistry(
      EvalExample example, Stereo stereo, Isotopes isotopes) {
    ReferenceStructure source;
    try {
      source = ReferenceStructure.of(example.input());
    } catch (ChemException e) {
      // A source we cannot read is a data error: it counts as unmatched and says why.
      return text(example).unreadableSource(e.getMessage());
    }
    return text(example)
        .judged(
            RoundTrip.judge(example.prediction(), source, stereo, isotopes), source.heavyAtoms());
  }

  private static Map<String, Long> verdicts(List<EvalReport.ScoredExample> scored) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Verdict verdict : Verdict.values()) {
      long count = scored.stream().filter(s -> s.verdict() == verdict).count();
      if (count > 0) {
        counts.put(verdict.id(), count);
      }
    }
    return counts;
  }

  private static boolean isExact(EvalExample example) {
    return example.prediction() != null
        && example.prediction().strip().equals(example.reference().strip());
  }

  private static double editDistance(EvalExample example) {
    return TextMetrics.normalizedEditDistance(
        example.reference(), example.prediction() == null ? "" : example.prediction());
  }

  private static double fraction(
      List<EvalReport.ScoredExample> scored, Predicate<EvalReport.ScoredExample> test) {
    return scored.isEmpty() ? 0.0 : (double) scored.stream().filter(test).count() / scored.size();
  }

  private static List<EvalReport.HeavyAtomBucket> buckets(List<EvalReport.ScoredExample> scored) {
    Map<String, List<EvalReport.ScoredExample>> byBucket = new LinkedHashMap<>();
    for (EvalReport.ScoredExample example : scored) {
      byBucket
          .computeIfAbsent(bucketName(example.heavyAtoms()), k -> new ArrayList<>())
          .add(example);
    }
    return byBucket.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Evaluator::bucketOrder)))
        .map(
            entry ->
                new EvalReport.HeavyAtomBucket(
                    entry.getKey(),
                    entry.getValue().size(),
                    fraction(entry.getValue(), EvalReport.ScoredExample::exact),
                    fraction(entry.getValue(), s -> Boolean.TRUE.equals(s.matched()))))
        .toList();
  }

  static String bucketName(Integer heavyAtoms) {
    if (heavyAtoms == null) {
      return "unreadable";
    }
    int lower = 1;
    for (int upper : BUCKET_UPPER_BOUNDS) {
      if (heavyAtoms <= upper) {
        return lower + "-" + upper;
      }
      lower = upper + 1;
    }
    return lower + "+";
  }

  private static int bucketOrder(String bucket) {
    return bucket.equals("unreadable")
        ? Integer.MAX_VALUE
        : Integer.parseInt(bucket.split("[-+]")[0]);
  }

  private static List<EvalReport.ScoredExample> worst(
      List<EvalReport.ScoredExample> scored, boolean chemistry) {
    Comparator<EvalReport.ScoredExample> byEditDistance =
        Comparator.comparingDouble(EvalReport.ScoredExample::normalizedEditDistance).reversed();
    Comparator<EvalReport.ScoredExample> order =
        chemistry
            ? Comparator.comparing((EvalReport.ScoredExample s) -> Boolean.TRUE.equals(s.matched()))
                .thenComparingDouble(EvalReport.ScoredExample::tanimoto)
                .thenComparing(byEditDistance)
            : Comparator.comparing(EvalReport.ScoredExample::exact).thenComparing(byEditDistance);
    return scored.stream().sorted(order).limit(WORST_EXAMPLES).toList();
  }
}
