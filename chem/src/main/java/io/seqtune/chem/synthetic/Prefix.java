package io.seqtune.chem.synthetic;

import java.util.List;

/** Substituent prefixes of substitutive nomenclature. */
enum Prefix {
  METHYL("methyl", Kind.ALKYL, 1),
  ETHYL("ethyl", Kind.ALKYL, 2),
  PROPYL("propyl", Kind.ALKYL, 3),
  PROPAN_2_YL("propan-2-yl", Kind.ALKYL, 2),
  BUTYL("butyl", Kind.ALKYL, 4),
  TERT_BUTYL("tert-butyl", Kind.ALKYL, 2),
  FLUORO("fluoro", Kind.PLAIN, 0),
  CHLORO("chloro", Kind.PLAIN, 0),
  BROMO("bromo", Kind.PLAIN, 0),
  METHOXY("methoxy", Kind.PLAIN, 0),
  ETHOXY("ethoxy", Kind.PLAIN, 0),
  METHYLSULFANYL("methylsulfanyl", Kind.PLAIN, 0),
  TRIFLUOROMETHYL("trifluoromethyl", Kind.PLAIN, 0),
  PHENYL("phenyl", Kind.RING, 0),
  CYCLOPROPYL("cyclopropyl", Kind.RING, 0),
  CYCLOHEXYL("cyclohexyl", Kind.RING, 0),
  // Characteristic groups cited as prefixes because a more senior group is the suffix.
  HYDROXY("hydroxy", PrincipalGroup.ALCOHOL),
  AMINO("amino", PrincipalGroup.AMINE),
  SULFANYL("sulfanyl", PrincipalGroup.THIOL),
  OXO("oxo", PrincipalGroup.KETONE),
  FORMYL("formyl", PrincipalGroup.ALDEHYDE),
  CYANO("cyano", PrincipalGroup.NITRILE),
  CARBAMOYL("carbamoyl", PrincipalGroup.AMIDE),
  CARBOXY("carboxy", PrincipalGroup.ACID);

  enum Kind {
    ALKYL,
    PLAIN,
    RING,
    GROUP
  }

  static final List<Prefix> ALKYLS = List.of(METHYL, ETHYL, PROPYL, PROPAN_2_YL, BUTYL, TERT_BUTYL);
  static final List<Prefix> HALOGENS = List.of(FLUORO, CHLORO, BROMO);
  static final List<Prefix> NEUTRAL =
      List.of(
          METHYL,
          ETHYL,
          PROPAN_2_YL,
          FLUORO,
          CHLORO,
          BROMO,
          METHOXY,
          ETHOXY,
          METHYLSULFANYL,
          TRIFLUOROMETHYL);
  static final List<Prefix> RINGS = List.of(PHENYL, CYCLOPROPYL, CYCLOHEXYL);
  static final List<Prefix> GROUPS =
      List.of(HYDROXY, AMINO, SULFANYL, OXO, FORMYL, CYANO, CARBAMOYL, CARBOXY);

  /**
   * Groups as prefixes on chains: the carbon-bearing ones would change which chain is principal.
   */
  static final List<Prefix> CHAIN_GROUPS = List.of(HYDROXY, AMINO, SULFANYL, OXO);

  final String text;
  final Kind kind;

  /** Carbon atoms in the longest chain through an alkyl substituent (0 for non-alkyl). */
  final int chainLength;

  /**
   * For a characteristic group: which suffix it would be; it may only be a prefix below a more
   * senior suffix.
   */
  final PrincipalGroup group;

  Prefix(String text, Kind kind, int chainLength) {
    this.text = text;
    this.kind = kind;
    this.chainLength = chainLength;
    this.group = null;
  }

  Prefix(String text, PrincipalGroup group) {
    this.text = text;
    this.kind = Kind.GROUP;
    this.chainLength = 0;
    this.group = group;
  }

  /** Compound prefixes are enclosed in parentheses and multiplied with bis/tris. */
  boolean compound() {
    return this == PROPAN_2_YL || this == METHYLSULFANYL || this == TRIFLUOROMETHYL;
  }

  /** Alphanumerical ordering ignores italic prefixes such as tert-. */
  String sortKey() {
    return text.replace("tert-", "");
  }

  /** Hydrogens replaced on the atom it is attached to. */
  int hydrogensUsed() {
    return this == OXO ? 2 : 1;
  }

  /**
   * Whether it may sit on a ring nitrogen (N-alkyl only: N-halo and N-oxy compounds are not our
   * target).
   */
  boolean allowedOnNitrogen() {
    return kind == Kind.ALKYL;
  }

  String cited(int count) {
    String name = compound() ? "(" + text + ")" : text;
    return Locants.multiplier(count, compound()) + name;
  }
}
