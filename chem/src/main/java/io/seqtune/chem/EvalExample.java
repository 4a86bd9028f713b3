package io.seqtune.chem;

/**
 * One prediction to judge.
 *
 * @param input the model input (for chemistry: the source SMILES or InChI)
 * @param reference the expected output
 * @param prediction what the model produced
 */
public record EvalExample(String input, String reference, String prediction) {}
