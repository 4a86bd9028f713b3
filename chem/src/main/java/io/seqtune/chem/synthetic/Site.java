package io.seqtune.chem.synthetic;

/**
 * A position of a parent hydride that may carry a substituent.
 *
 * @param locant its locant in the parent's own numbering ("1", "4a")
 * @param element 'C' or 'N'
 * @param hydrogens hydrogens it carries in the unsubstituted parent
 * @param aromatic whether it belongs to an aromatic ring (no oxo, no ketone, no multiple bonds
 *     added)
 */
record Site(String locant, char element, int hydrogens, boolean aromatic) {
  boolean isCarbon() {
    return element == 'C';
  }
}
