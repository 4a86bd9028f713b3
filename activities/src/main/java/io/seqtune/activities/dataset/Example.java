package io.seqtune.activities.dataset;

/** One input/output pair of a sequence task, e.g. (SMILES, IUPAC name). */
public record Example(String input, String output) {}
