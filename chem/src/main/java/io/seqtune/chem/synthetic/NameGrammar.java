package io.seqtune.chem.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Entry point of the name grammar: the family ids and one random lowest-locant name of a family.
 */
public final class NameGrammar {
  private NameGrammar() {}

  public static List<String> families() {
    return Arrays.stream(Family.values()).map(f -> f.id).toList();
  }

  /** A random name of the family, empty when the draw did not fit (callers draw again). */
  public static Optional<NumberedName> draw(String family, Random random) {
    Skeleton skeleton = Family.byId(family).draw(random);
    return skeleton == null ? Optional.empty() : SkeletonNamer.name(skeleton);
  }
}
