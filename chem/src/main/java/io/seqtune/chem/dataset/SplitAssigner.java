package io.seqtune.chem.dataset;

import io.seqtune.chem.curation.SeenKeys;

/**
 * Assigns a molecule to a split from a seeded hash of its InChIKey (or of its scaffold in a
 * scaffold split), so one structure always lands in one split and the assignment needs no memory.
 */
public final class SplitAssigner {
  private final SplitConfig config;

  public SplitAssigner(SplitConfig config) {
    this.config = config;
  }

  /**
   * The key that decides the split: the scaffold for a scaffold split (the structure itself when
   * acyclic).
   */
  public String groupKey(String inchiKey, String smiles) {
    if (!config.scaffold()) {
      return inchiKey;
    }
    String scaffold = Scaffolds.murcko(smiles);
    return scaffold.isEmpty() ? inchiKey : scaffold;
  }

  public Split assign(String groupKey) {
    double position = (SeenKeys.hash(config.seed() + ":" + groupKey) >>> 11) * 0x1.0p-53;
    if (position < config.train()) {
      return Split.TRAIN;
    }
    return position < config.train() + config.validation() ? Split.VALIDATION : Split.TEST;
  }
}
