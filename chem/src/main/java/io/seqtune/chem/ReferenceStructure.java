package io.seqtune.chem;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * What a structure is compared by: standard InChI (stereo kept), constitution-only InChI, an ECFP4
 * fingerprint and the heavy-atom count. Reference structures are computed once per distinct input
 * (an evaluation judges many predictions of the same source molecule).
 */
public record ReferenceStructure(
    String inchi, String inchiWithoutStereo, BitSet fingerprint, int heavyAtoms) {
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
        inchi,
        Molecules.withoutStereo(inchi),
        fingerprint(molecule),
        Molecules.heavyAtoms(molecule));
  }

  public boolean sameStructure(ReferenceStructure other, Stereo stereo) {
    return stereo == Stereo.STRICT
        ? inchi.equals(other.inchi)
        : inchiWithoutStereo.equals(other.inchiWithoutStereo);
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
