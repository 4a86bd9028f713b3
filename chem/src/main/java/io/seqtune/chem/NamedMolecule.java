package io.seqtune.chem;

/**
 * One example of the SMILES→IUPAC task.
 *
 * @param smiles CDK canonical SMILES with stereo kept ({@link Molecules#canonicalSmiles})
 * @param name the systematic name
 * @param family where the pair came from: a synthetic family name, or the source it was read from
 */
public record NamedMolecule(String smiles, String name, String family) {}
