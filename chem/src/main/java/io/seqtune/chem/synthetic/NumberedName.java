package io.seqtune.chem.synthetic;

import java.util.List;

/**
 * A name under one numbering, with the locant sets IUPAC compares to choose the numbering:
 * principal groups, all multiple bonds, double bonds, all prefixes, prefixes in citation order.
 * Lower is preferred; the name itself breaks ties (so R before S, E before Z at equal locants).
 */
public record NumberedName(String name, List<List<Integer>> criteria)
    implements Comparable<NumberedName> {
  @Override
  public int compareTo(NumberedName other) {
    for (int i = 0; i < Math.min(criteria.size(), other.criteria.size()); i++) {
      int difference = Locants.compareSets(criteria.get(i), other.criteria.get(i));
      if (difference != 0) {
        return difference;
      }
    }
    return name.compareTo(other.name);
  }
}
