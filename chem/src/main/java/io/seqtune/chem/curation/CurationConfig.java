package io.seqtune.chem.curation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Thresholds of the curation recipe; {@link #paper()} is Fauber (2024)'s. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CurationConfig(
    Set<String> elements,
    double minMolecularWeight,
    double maxMolecularWeight,
    double minFsp3,
    int maxPhenylRings,
    int maxAromaticRings,
    int minRings,
    boolean removeNitro,
    boolean removeNitroso,
    boolean allowCharges,
    boolean allowIsotopes,
    boolean allowMultipleComponents,
    boolean dedupStructures,
    boolean dedupNames) {

  public CurationConfig {
    if (elements == null || elements.isEmpty()) {
      throw new IllegalArgumentException("curation needs at least one allowed element");
    }
    if (minMolecularWeight > maxMolecularWeight) {
      throw new IllegalArgumentException(
          "min molecular weight " + minMolecularWeight + " > max " + maxMolecularWeight);
    }
    // Sorted, not Set.copyOf: its iteration order changes from JVM to JVM, and the dataset key
    // hashes it.
    elements = Collections.unmodifiableSortedSet(new TreeSet<>(elements));
  }

  /**
   * H, C, N, O, S, F, Cl, Br; 150–550 Da; fsp3 ≥ 0.3; ≤ 2 phenyl, ≤ 4 aromatic, ≥ 1 ring; no nitro,
   * nitroso, charges, isotopes, salts.
   */
  public static CurationConfig paper() {
    return new CurationConfig(
        Set.of("H", "C", "N", "O", "S", "F", "Cl", "Br"),
        150,
        550,
        0.3,
        2,
        4,
        1,
        true,
        true,
        false,
        false,
        false,
        true,
        true);
  }

  /**
   * Only validity and de-duplication: for data that is already curated, such as synthetic pairs.
   */
  public static CurationConfig validityOnly() {
    return new CurationConfig(
        Set.of("H", "C", "N", "O", "S", "F", "Cl", "Br", "I", "P", "B", "Si", "Se"),
        0,
        Double.MAX_VALUE,
        0,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        0,
        false,
        false,
        true,
        true,
        true,
        true,
        true);
  }
}
