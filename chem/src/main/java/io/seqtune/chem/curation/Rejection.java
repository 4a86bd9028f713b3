package io.seqtune.chem.curation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A removed row and the reason, as written to the quarantine file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(
    String source, long line, String id, String rule, String detail, String smiles, String name) {}
