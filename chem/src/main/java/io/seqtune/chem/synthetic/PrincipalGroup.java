package io.seqtune.chem.synthetic;

/** Principal characteristic groups, in decreasing seniority, with their suffixes. */
enum PrincipalGroup {
  ACID("oic acid", "carboxylic acid", "benzoic acid", 3),
  ESTER("oate", "carboxylate", "benzoate", 3),
  AMIDE("amide", "carboxamide", "benzamide", 3),
  NITRILE("nitrile", "carbonitrile", "benzonitrile", 3),
  ALDEHYDE("al", "carbaldehyde", "benzaldehyde", 3),
  KETONE("one", null, null, 2),
  ALCOHOL("ol", null, "phenol", 1),
  THIOL("thiol", null, "benzenethiol", 1),
  AMINE("amine", null, "aniline", 1);

  /**
   * Suffix when the group's carbon ends a chain and is counted in it (hexanoic acid); for on-atom
   * groups, the only suffix.
   */
  final String chainSuffix;

  /**
   * Suffix when the group's carbon is attached to a ring (cyclohexanecarboxylic acid); null for
   * on-atom groups.
   */
  final String attachedSuffix;

  /** The retained name on benzene, null where there is none. */
  final String benzeneName;

  /**
   * Hydrogens a chain-terminal carbon gives up to the group: all three for an aldehyde too, whose
   * own hydrogen cannot be replaced (a double bond or a prefix there would make "prop-1-enal", a
   * ketene).
   */
  final int terminalHydrogens;

  PrincipalGroup(
      String chainSuffix, String attachedSuffix, String benzeneName, int terminalHydrogens) {
    this.chainSuffix = chainSuffix;
    this.attachedSuffix = attachedSuffix;
    this.benzeneName = benzeneName;
    this.terminalHydrogens = terminalHydrogens;
  }

  /**
   * Acids, esters, amides, nitriles and aldehydes carry their own carbon; the others sit on a
   * parent atom.
   */
  boolean carriesCarbon() {
    return attachedSuffix != null;
  }

  /** Hydrogens replaced on the parent atom: a ketone takes two, an attached group or -ol one. */
  int hydrogensUsedOnAtom() {
    return this == KETONE ? 2 : 1;
  }

  boolean isSeniorTo(PrincipalGroup other) {
    return ordinal() < other.ordinal();
  }

  boolean takesNitrogenSubstituents() {
    return this == AMIDE || this == AMINE;
  }
}
