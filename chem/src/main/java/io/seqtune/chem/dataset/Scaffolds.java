package io.seqtune.chem.dataset;

import io.seqtune.chem.Molecules;
import java.util.ArrayList;
import java.util.List;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/** Bemis–Murcko frameworks: ring systems and the linkers between them, side chains removed. */
public final class Scaffolds {
  private Scaffolds() {}

  /**
   * Canonical SMILES of the framework (stereo dropped, exocyclic double bonds removed); "" for an
   * acyclic molecule.
   */
  public static String murcko(String smiles) {
    IAtomContainer molecule = Molecules.parseSmiles(smiles);
    molecule.setStereoElements(new ArrayList<>());
    Cycles.markRingAtomsAndBonds(molecule);
    // Side chains end in atoms with one neighbour outside a ring: peel them until none is left,
    // giving each bond's valence back to the remaining atom as hydrogens.
    boolean removed = true;
    while (removed) {
      List<IAtom> terminal = new ArrayList<>();
      for (IAtom atom : molecule.atoms()) {
        if (!atom.isInRing() && molecule.getConnectedBondsCount(atom) <= 1) {
          terminal.add(atom);
        }
      }
      for (IAtom atom : terminal) {
        for (IBond bond : molecule.getConnectedBondsList(atom)) {
          IAtom kept = bond.getOther(atom);
          kept.setImplicitHydrogenCount(
              kept.getImplicitHydrogenCount() + bond.getOrder().numeric());
        }
        molecule.removeAtom(atom);
      }
      removed = !terminal.isEmpty();
    }
    return molecule.getAtomCount() == 0 ? "" : Molecules.canonicalSmiles(molecule);
  }
}
