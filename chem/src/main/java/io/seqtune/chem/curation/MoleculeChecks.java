package io.seqtune.chem.curation;

import io.seqtune.chem.ChemException;
import io.seqtune.chem.Molecules;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * The per-molecule rules of curation (everything but de-duplication): stateless, so rows are
 * checked in parallel.
 */
final class MoleculeChecks {
  private static final Aromaticity AROMATICITY =
      new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6)));

  /** The outcome for one row: a rule broken (with detail), or the canonical SMILES and InChIKey. */
  record Verdict(CurationRule rule, String detail, String canonicalSmiles, String inchiKey) {
    static Verdict reject(CurationRule rule, String detail) {
      return new Verdict(rule, detail, null, null);
    }

    boolean passed() {
      return rule == null;
    }
  }

  private final CurationConfig config;

  MoleculeChecks(CurationConfig config) {
    this.config = config;
  }

  Verdict check(String smiles) {
    IAtomContainer molecule;
    try {
      molecule = Molecules.parseSmiles(smiles);
    } catch (ChemException e) {
      return Verdict.reject(CurationRule.INVALID_SMILES, e.getMessage());
    }
    if (molecule.getAtomCount() == 0) {
      return Verdict.reject(CurationRule.INVALID_SMILES, "no atoms");
    }
    Verdict composition = checkComposition(molecule);
    if (composition != null) {
      return composition;
    }
    double weight = AtomContainerManipulator.getMass(molecule, AtomContainerManipulator.MolWeight);
    if (weight < config.minMolecularWeight() || weight > config.maxMolecularWeight()) {
      return Verdict.reject(CurationRule.MOLECULAR_WEIGHT, String.format("%.1f Da", weight));
    }
    double fsp3 = fsp3(molecule);
    if (fsp3 < config.minFsp3()) {
      return Verdict.reject(CurationRule.FSP3, String.format("fsp3 %.2f", fsp3));
    }
    Verdict rings = checkRings(molecule);
    if (rings != null) {
      return rings;
    }
    try {
      return new Verdict(
          null, null, Molecules.canonicalSmiles(molecule), Molecules.inchiKey(molecule));
    } catch (ChemException e) {
      return Verdict.reject(CurationRule.INVALID_SMILES, e.getMessage());
    }
  }

  private Verdict checkComposition(IAtomContainer molecule) {
    if (!config.allowMultipleComponents() && !ConnectivityChecker.isConnected(molecule)) {
      return Verdict.reject(
          CurationRule.MULTIPLE_COMPONENTS,
          ConnectivityChecker.partitionIntoMolecules(molecule).getAtomContainerCount()
              + " components");
    }
    for (IAtom atom : molecule.atoms()) {
      if (!config.elements().contains(atom.getSymbol())) {
        return Verdict.reject(CurationRule.DISALLOWED_ELEMENT, "contains " + atom.getSymbol());
      }
      if (!config.allowIsotopes() && atom.getMassNumber() != null) {
        return Verdict.reject(CurationRule.ISOTOPE, atom.getMassNumber() + atom.getSymbol());
      }
    }
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() == 7) {
        int terminalOxygens = terminalOxygens(molecule, atom);
        if (config.removeNitro() && terminalOxygens >= 2) {
          return Verdict.reject(CurationRule.NITRO, "nitro group");
        }
        if (config.removeNitroso()
            && terminalOxygens == 1
            && atom.getBondCount() == 2
            && hasDoubleBondToOxygen(atom)) {
          return Verdict.reject(CurationRule.NITROSO, "nitroso group");
        }
      }
    }
    for (IAtom atom : molecule.atoms()) {
      if (!config.allowCharges() && atom.getFormalCharge() != null && atom.getFormalCharge() != 0) {
        return Verdict.reject(
            CurationRule.CHARGE,
            atom.getSymbol() + (atom.getFormalCharge() > 0 ? "+" : "") + atom.getFormalCharge());
      }
    }
    return null;
  }

  private Verdict checkRings(IAtomContainer molecule) {
    Cycles sssr = Cycles.sssr(molecule);
    if (sssr.numberOfCycles() < config.minRings()) {
      return Verdict.reject(CurationRule.TOO_FEW_RINGS, sssr.numberOfCycles() + " rings");
    }
    try {
      AROMATICITY.apply(molecule);
    } catch (CDKException e) {
      return Verdict.reject(CurationRule.INVALID_SMILES, "aromaticity failed: " + e.getMessage());
    }
    int aromatic = 0;
    int phenyl = 0;
    for (int[] path : sssr.paths()) {
      if (isAromaticRing(molecule, path)) {
        aromatic++;
        if (path.length - 1 == 6 && allCarbon(molecule, path)) {
          phenyl++;
        }
      }
    }
    if (phenyl > config.maxPhenylRings()) {
      return Verdict.reject(CurationRule.PHENYL_RINGS, phenyl + " benzene rings");
    }
    if (aromatic > config.maxAromaticRings()) {
      return Verdict.reject(CurationRule.AROMATIC_RINGS, aromatic + " aromatic rings");
    }
    return null;
  }

  /** Fraction of carbons with only single bonds (sp3), as in Lovering's Fsp3. */
  static double fsp3(IAtomContainer molecule) {
    int carbons = 0;
    int sp3 = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() == 6) {
        carbons++;
        boolean allSingle = true;
        for (IBond bond : molecule.getConnectedBondsList(atom)) {
          allSingle &= bond.getOrder() == IBond.Order.SINGLE && !bond.isAromatic();
        }
        sp3 += allSingle ? 1 : 0;
      }
    }
    return carbons == 0 ? 0.0 : (double) sp3 / carbons;
  }

  private static int terminalOxygens(IAtomContainer molecule, IAtom nitrogen) {
    int count = 0;
    for (IAtom neighbour : molecule.getConnectedAtomsList(nitrogen)) {
      if (neighbour.getAtomicNumber() == 8 && neighbour.getBondCount() == 1) {
        count++;
      }
    }
    return count;
  }

  private static boolean hasDoubleBondToOxygen(IAtom atom) {
    for (IBond bond : atom.bonds()) {
      if (bond.getOrder() == IBond.Order.DOUBLE && bond.getOther(atom).getAtomicNumber() == 8) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAromaticRing(IAtomContainer molecule, int[] path) {
    for (int i = 0; i + 1 < path.length; i++) {
      IBond bond = molecule.getBond(molecule.getAtom(path[i]), molecule.getAtom(path[i + 1]));
      if (bond == null || !bond.isAromatic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allCarbon(IAtomContainer molecule, int[] path) {
    for (int atom : path) {
      if (molecule.getAtom(atom).getAtomicNumber() != 6) {
        return false;
      }
    }
    return true;
  }
}
