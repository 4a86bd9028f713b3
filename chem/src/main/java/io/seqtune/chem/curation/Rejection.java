package io.seqtune.chem.curation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.seqtune.chem.ingest.SourceRow;

/** A removed row and the reason, as written to the quarantine file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(
    String source, long line, String id, String rule, String detail, String smiles, String name) {

  /** {@code row} removed by {@code rule}; a malformed row has no SMILES or name to show. */
  public static Rejection of(SourceRow row, CurationRule rule, String detail) {
    return new Rejection(
        row.source(), row.line(), row.id(), rule.id(), detail, row.structure(), row.name());
  }
}
