package io.seqtune.chem;

/**
 * Whether a structural comparison must agree on isotopic labels (STRICT: the standard InChI's
 * isotopic layer counts) or ignores them (IGNORE: a name with {@code deuterio} matches a SMILES
 * without isotopes, as PubChem's non-isomeric SMILES are written).
 */
public enum Isotopes {
  STRICT,
  IGNORE
}
