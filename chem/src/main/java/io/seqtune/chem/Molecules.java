package io.seqtune.chem;

import io.github.dan2097.jnainchi.InchiStatus;
import java.util.Optional;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.inchi.InChIGenerator;
import org.openscience.cdk.inchi.InChIGeneratorFactory;
import org.openscience.cdk.inchi.InChIToStructure;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import uk.ac.cam.ch.wwmm.opsin.NameToStructure;
import uk.ac.cam.ch.wwmm.opsin.OpsinResult;

/**
 * Parsing, canonical forms and identifiers of molecules: the one place that talks to CDK and OPSIN
 * directly.
 */
public final class Molecules {
  // CDK parsers and generators keep per-call state: one per thread keeps parallel streams safe.
  private static final ThreadLocal<SmilesParser> SMILES_PARSER =
      ThreadLocal.withInitial(() -> new SmilesParser(SilentChemObjectBuilder.getInstance()));
  // Absolute = canonical + stereo + isotopes, atoms numbered as InChI numbers them (carbons first:
  // CCNC1=C(C(=CC=C1)C(F)(F)F)SC). Every molecule gets this one labelling, with or without stereo:
  // CDK's cheaper Morgan labelling writes the same molecule as FC(F)(F)C=1C=CC=C(NCC)C1SC, and a
  // model trained on that form learns SMILES->name far worse (docs/demo.md).
  private static final ThreadLocal<SmilesGenerator> CANONICAL =
      ThreadLocal.withInitial(() -> new SmilesGenerator(SmiFlavor.Absolute));

  private Molecules() {}

  /** Parses SMILES into a CDK molecule (implicit hydrogens set, Kekulé form). */
  public static IAtomContainer parseSmiles(String smiles) {
    if (smiles == null || smiles.isBlank()) {
      throw new ChemException("empty SMILES");
    }
    try {
      return SMILES_PARSER.get().parseSmiles(smiles.strip());
    } catch (CDKException | RuntimeException e) {
      throw new ChemException("invalid SMILES '" + smiles + "': " + e.getMessage(), e);
    }
  }

  /** Parses a standard or non-standard InChI string into a CDK molecule. */
  public static IAtomContainer parseInchi(String inchi) {
    try {
      InChIToStructure toStructure =
          InChIGeneratorFactory.getInstance()
              .getInChIToStructure(inchi.strip(), SilentChemObjectBuilder.getInstance());
      if (toStructure.getStatus() == InchiStatus.ERROR) {
        throw new ChemException("invalid InChI '" + inchi + "': " + toStructure.getMessage());
      }
      return toStructure.getAtomContainer();
    } catch (CDKException e) {
      throw new ChemException("invalid InChI '" + inchi + "': " + e.getMessage(), e);
    }
  }

  /** A structure column may hold SMILES or InChI; this tells them apart per value. */
  public static IAtomContainer parseStructure(String smilesOrInchi) {
    if (smilesOrInchi != null && smilesOrInchi.strip().startsWith("InChI=")) {
      return parseInchi(smilesOrInchi);
    }
    return parseSmiles(smilesOrInchi);
  }

  public static String canonicalSmiles(String smiles) {
    return canonicalSmiles(parseSmiles(smiles));
  }

  public static String canonicalSmiles(IAtomContainer molecule) {
    try {
      return CANONICAL.get().create(molecule);
    } catch (CDKException e) {
      throw new ChemException("cannot write canonical SMILES: " + e.getMessage(), e);
    }
  }

  /** Standard InChI (stereo included). */
  public static String inchi(IAtomContainer molecule) {
    return inchiGenerator(molecule).getInchi();
  }

  public static String inchiKey(String smiles) {
    return inchiKey(parseSmiles(smiles));
  }

  public static String inchiKey(IAtomContainer molecule) {
    try {
      return inchiGenerator(molecule).getInchiKey();
    } catch (CDKException e) {
      throw new ChemException("InChIKey failed: " + e.getMessage(), e);
    }
  }

  /**
   * OPSIN's structure for a name, as OPSIN's (non-canonical) SMILES; empty when OPSIN rejects the
   * name.
   */
  public static Optional<String> nameToSmiles(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    OpsinResult result = opsin().parseChemicalName(name.strip());
    return Optional.ofNullable(result.getSmiles());
  }

  /** Why OPSIN rejected a name, or empty when it parses. */
  public static Optional<String> nameRejection(String name) {
    OpsinResult result = opsin().parseChemicalName(name == null ? "" : name.strip());
    return result.getSmiles() == null ? Optional.of(result.getMessage()) : Optional.empty();
  }

  public static int heavyAtoms(String smiles) {
    return heavyAtoms(parseSmiles(smiles));
  }

  public static int heavyAtoms(IAtomContainer molecule) {
    int count = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() != null && atom.getAtomicNumber() > 1) {
        count++;
      }
    }
    return count;
  }

  private static InChIGenerator inchiGenerator(IAtomContainer molecule) {
    try {
      InChIGenerator generator = InChIGeneratorFactory.getInstance().getInChIGenerator(molecule);
      if (generator.getStatus() == InchiStatus.ERROR) {
        throw new ChemException("InChI failed: " + generator.getMessage());
      }
      return generator;
    } catch (CDKException e) {
      throw new ChemException("InChI failed: " + e.getMessage(), e);
    }
  }

  // OPSIN's NameToStructure is a thread-safe singleton; building it costs ~0.6 s, so it is built
  // once.
  private static NameToStructure opsin() {
    return NameToStructure.getInstance();
  }
}
