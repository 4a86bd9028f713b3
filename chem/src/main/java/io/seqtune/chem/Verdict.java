package io.seqtune.chem;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The outcome of judging one name against one reference structure. Every disagreement has a class,
 * so a report can say why names were marked wrong, not only how many.
 */
public enum Verdict {
  /** The name's structure is the reference (under the stereo and isotope rules in force). */
  MATCH,
  /** OPSIN (with the component rules of {@link NameParser}) finds no structure for the name. */
  OPSIN_CANNOT_PARSE,
  /** Constitution, charge or components differ. */
  DIFFERENT_STRUCTURE,
  /** Same constitution, charge and isotopes; stereo descriptors differ. */
  STEREO_ONLY,
  /** Same structure apart from isotopic labels. */
  ISOTOPE_ONLY,
  /** Same atoms and bonds; the charge or protonation layers of the standard InChI differ. */
  CHARGE_ONLY,
  /** The reference SMILES or InChI cannot be read (a data problem, not a wrong name). */
  UNREADABLE_REFERENCE;

  /** The snake-case id used in JSON and CSV ({@code stereo_only}). */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
