package io.seqtune.chem;

import java.util.Optional;

/**
 * Judges a name by parsing it with OPSIN ({@link NameParser}: multi-component names included) and
 * comparing the structure with a reference molecule by standard InChI. Standard InChI normalises
 * mobile hydrogens (tautomers), zwitterions and charge-separated forms with the same net charge, so
 * {@code 2-azaniumylacetate} and {@code 2-aminoacetic acid} agree; a different protonation state
 * ({@code glycinium}) does not, and is classified {@link Verdict#CHARGE_ONLY}.
 */
public final class RoundTrip {
  private RoundTrip() {}

  /**
   * @param verdict match, or the class of the disagreement
   * @param tanimoto ECFP4 similarity of the parsed structure to the reference (0 when not parsed)
   */
  public record Judgement(Verdict verdict, double tanimoto) {
    static final Judgement UNPARSED = new Judgement(Verdict.OPSIN_CANNOT_PARSE, 0.0);

    /** OPSIN understood the name. */
    public boolean parsed() {
      return verdict != Verdict.OPSIN_CANNOT_PARSE && verdict != Verdict.UNREADABLE_REFERENCE;
    }

    /** The parsed structure is the reference under the rules in force. */
    public boolean matched() {
      return verdict == Verdict.MATCH;
    }
  }

  /**
   * @param sourceStructure the source molecule as SMILES or InChI
   * @throws ChemException when the source itself cannot be read (a data error, not a bad
   *     prediction)
   */
  public static Judgement judge(
      String predictedName, String sourceStructure, Stereo stereo, Isotopes isotopes) {
    return judge(predictedName, ReferenceStructure.of(sourceStructure), stereo, isotopes);
  }

  public static Judgement judge(
      String predictedName, ReferenceStructure source, Stereo stereo, Isotopes isotopes) {
    Optional<ReferenceStructure> parsed = parse(predictedName);
    if (parsed.isEmpty()) {
      return Judgement.UNPARSED;
    }
    ReferenceStructure structure = parsed.get();
    return new Judgement(structure.compare(source, stereo, isotopes), structure.tanimoto(source));
  }

  /**
   * The structure OPSIN reads from a name; empty when OPSIN rejects it or CDK cannot read OPSIN's
   * SMILES.
   */
  public static Optional<ReferenceStructure> parse(String name) {
    return NameParser.parse(name).map(ReferenceStructure::of);
  }
}
