package io.seqtune.chem.curation;

import java.util.Locale;

/**
 * Why a row was removed, in the order the rules are applied (a row is counted under the first rule
 * it breaks).
 */
public enum CurationRule {
  MALFORMED_ROW,
  INVALID_SMILES,
  MULTIPLE_COMPONENTS,
  DISALLOWED_ELEMENT,
  ISOTOPE,
  NITRO,
  NITROSO,
  CHARGE,
  MOLECULAR_WEIGHT,
  FSP3,
  TOO_FEW_RINGS,
  PHENYL_RINGS,
  AROMATIC_RINGS,
  DUPLICATE_SMILES,
  DUPLICATE_STRUCTURE,
  DUPLICATE_NAME;

  /** snake_case id used in reports and the quarantine file. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
