package io.seqtune.chem.curation;

import io.seqtune.chem.NamedMolecule;

/**
 * A molecule that passed curation, with the InChIKey it was de-duplicated by (splits use it too).
 */
public record CuratedMolecule(NamedMolecule molecule, String inchiKey) {}
