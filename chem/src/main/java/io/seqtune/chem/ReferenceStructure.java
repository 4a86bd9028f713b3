package io.seqtune.chem;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * What a structure is compared by: its standard InChI cut into layers, an ECFP4 fingerprint and the
 * heavy-atom count. A multi-component structure (SMILES with {@code .}) is one InChI whose
 * components InChI orders itself, so component order never matters and counts ({@code 2ClH}) do.
 * Reference structures are computed once per distinct input (an evaluation judges many predictions
 * of the same source molecule).
 */
public record ReferenceStructure(
    String inchi, InchiLayers layers, BitSet fingerprint, int heavyAtoms) {
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, ReferenceStructure> CACHE = new ConcurrentHashMap<>();

  /** The reference structure of a SMILES or InChI string, cached. */
  public static ReferenceStructure of(String smilesOrInchi) {
    ReferenceStructure cached = CACHE.get(smilesOrInchi);
    if (cached != null) {
      return cached;
    }
    ReferenceStructure computed = of(Molecules.parseStructure(smilesOrInchi));
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // bounded memory matters more than a perfect hit rate
    }
    CACHE.put(smilesOrInchi, computed);
    return computed;
  }

  public static ReferenceStructure of(IAtomContainer molecule) {
    String inchi = Molecules.inchi(molecule);
    return new ReferenceStructure(
        inchi, InchiLayers.of(inchi), fingerprint(molecule), Molecules.heavyAtoms(molecule));
  }

  /** How this structure relates to another under the stereo and isotope rules. */
  public Verdict compare(ReferenceStructure other, Stereo stereo, Isotopes isotopes) {
    return layers.compare(other.layers, stereo, isotopes);
  }

  /** Tanimoto similarity of the two ECFP4 fingerprints (1.0 for two empty fingerprints). */
  public double tanimoto(ReferenceStructure other) {
    BitSet common = (BitSet) fingerprint.clone();
    common.and(other.fingerprint);
    BitSet union = (BitSet) fingerprint.clone();
    union.or(other.fingerprint);
    return union.isEmpty() ? 1.0 : (double) common.cardinality() / union.cardinality();
  }

  private static BitSet fingerprint(IAtomContainer molecule) {
    try {
      return new CircularFingerprinter(CircularFingerprinter.CLASS_ECFP4)
          .getBitFingerprint(molecule)
          .asBitSet();
    } catch (CDKException e) {
      throw new ChemException("fingerprint failed: " + e.getMessage(), e);
    }
  }
}
