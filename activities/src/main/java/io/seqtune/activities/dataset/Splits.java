package io.seqtune.activities.dataset;

import io.seqtune.activities.store.Hashing;
import io.seqtune.chem.Molecules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Train/validation/test by a hash of each example's group: every example of one structure
 * (InChIKey) or one input text lands in the same split, so nothing leaks between them.
 */
public record Splits(List<Example> train, List<Example> validation, List<Example> test) {

  /** Groups SMILES inputs by structure, so that two spellings of one molecule share a split. */
  public static final Function<Example, String> STRUCTURE = e -> Molecules.inchiKey(e.input());
  public static final Function<Example, String> TEXT = Example::input;

  public static Splits byGroup(List<Example> examples, double valFraction, double testFraction, long seed,
      Function<Example, String> group) {
    List<Example> train = new ArrayList<>();
    List<Example> val = new ArrayList<>();
    List<Example> test = new ArrayList<>();
    for (Example e : examples) {
      double u = unit(seed + ":" + group.apply(e));
      (u < testFraction ? test : u < testFraction + valFraction ? val : train).add(e);
    }
    Splits splits = new Splits(train, val, test);
    splits.checkNoLeakage(group);
    return splits;
  }

  /** Fails if any group appears in two splits. */
  public void checkNoLeakage(Function<Example, String> group) {
    Set<String> seen = new HashSet<>();
    for (List<Example> split : List.of(train, validation, test)) {
      Set<String> here = new HashSet<>();
      for (Example e : split) {
        here.add(group.apply(e));
      }
      for (String g : here) {
        if (!seen.add(g)) {
          throw new IllegalStateException("leakage: group " + g + " is in more than one split");
        }
      }
    }
  }

  private static double unit(String s) {
    String hex = Hashing.sha256(s.getBytes(StandardCharsets.UTF_8)).substring(0, 13);
    return Long.parseLong(hex, 16) / (double) (1L << 52);
  }
}
