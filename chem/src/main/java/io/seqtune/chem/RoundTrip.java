package io.seqtune.chem;

import java.util.Optional;

/**
 * Judges a predicted name by parsing it with OPSIN and comparing the structure with the source
 * molecule.
 */
public final class RoundTrip {
  private RoundTrip() {}

  /**
   * @param parsed OPSIN understood the name
   * @param matched the parsed structure is the source molecule (standard InChI, stereo per {@link
   *     Stereo})
   * @param tanimoto ECFP4 similarity of the parsed structure to the source (0 when not parsed)
   */
  public record Judgement(boolean parsed, boolean matched, double tanimoto) {
    static final Judgement UNPARSED = new Judgement(false, false, 0.0);
  }

  /**
   * @param sourceStructure the source molecule as SMILES or InChI
   * @throws ChemException when the source itself cannot be read (a data error, not a bad
   *     prediction)
   */
  public static Judgement judge(String predictedName, String sourceStructure, Stereo stereo) {
    return judge(predictedName, ReferenceStructure.of(sourceStructure), stereo);
  }

  public static Judgement judge(String predictedName, ReferenceStructure source, Stereo stereo) {
    Optional<ReferenceStructure> parsed = parse(predictedName);
    if (parsed.isEmpty()) {
      return Judgement.UNPARSED;
    }
    ReferenceStructure structure = parsed.get();
    return new Judgement(true, structure.sameStructure(source, stereo), structure.tanimoto(source));
  }

  /**
   * The structure OPSIN reads from a name; empty when OPSIN rejects it or CDK cannot read OPSIN's
   * SMILES.
   */
  public static Optional<ReferenceStructure> parse(String name) {
    return Molecules.nameToSmiles(name)
        .flatMap(
            smiles -> {
              try {
                return Optional.of(ReferenceStructure.of(Molecules.parseSmiles(smiles)));
              } catch (ChemException e) {
                return Optional.empty();
              }
            });
  }
}
