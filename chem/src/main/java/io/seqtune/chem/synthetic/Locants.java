package io.seqtune.chem.synthetic;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Ordering and spelling of locants and multiplying prefixes. */
final class Locants {
  /** "N" first, then numbers, "4a" right after "4". */
  static final Comparator<String> ORDER = Comparator.comparingInt(Locants::orderKey);

  private static final String[] SIMPLE_MULTIPLIERS = {
    "", "", "di", "tri", "tetra", "penta", "hexa"
  };
  private static final String[] COMPOUND_MULTIPLIERS = {
    "", "", "bis", "tris", "tetrakis", "pentakis", "hexakis"
  };

  private Locants() {}

  static int orderKey(String locant) {
    if (locant.equals("N")) {
      return -1;
    }
    char last = locant.charAt(locant.length() - 1);
    return Character.isLetter(last)
        ? Integer.parseInt(locant.substring(0, locant.length() - 1)) * 10 + (last - 'a' + 1)
        : Integer.parseInt(locant) * 10;
  }

  static String join(List<String> locants) {
    return locants.stream().sorted(ORDER).collect(Collectors.joining(","));
  }

  static String multiplier(int count, boolean compound) {
    return (compound ? COMPOUND_MULTIPLIERS : SIMPLE_MULTIPLIERS)[count];
  }

  /** Compares two locant sets term by term (the first point of difference decides). */
  static int compareSets(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int difference = Integer.compare(a.get(i), b.get(i));
      if (difference != 0) {
        return difference;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
