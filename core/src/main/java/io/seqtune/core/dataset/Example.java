package io.seqtune.core.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One input/output pair of a sequence task, e.g. (SMILES, IUPAC name); other fields of a stored
 * line (inchi_key) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Example(String input, String output) {}
