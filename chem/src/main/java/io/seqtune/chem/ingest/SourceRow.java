package io.seqtune.chem.ingest;

/**
 * One input record, as read.
 *
 * @param source the file it came from
 * @param line its line number in that file (1-based)
 * @param id a source identifier (PubChem CID), or the line number as text
 * @param structure SMILES (or InChI, for round-trip files)
 * @param name the name
 * @param problem why the record could not be read (malformed line, missing field), null when it was
 *     read
 */
public record SourceRow(
    String source, long line, String id, String structure, String name, String problem) {
  public static SourceRow malformed(String source, long line, String problem) {
    return new SourceRow(source, line, Long.toString(line), null, null, problem);
  }

  public boolean isMalformed() {
    return problem != null;
  }

  /** "file.csv:12", for messages. */
  public String where() {
    return source + ":" + line;
  }
}
