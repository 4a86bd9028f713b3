package io.seqtune.chem.ingest;

import io.seqtune.chem.ChemException;
import java.nio.file.Path;
import java.util.List;

/**
 * Joins PubChem's CID-SMILES and CID-IUPAC files (tab-separated CID and value, both sorted by CID)
 * by a merge walk: one line of each file in memory, whatever their size. CIDs present in only one
 * file are counted and skipped; a malformed line becomes a malformed row; CIDs out of order stop
 * the join with the file and line, since a merge join would silently drop pairs.
 */
public final class PubChemJoin extends LookaheadRowSource {
  private final CidFile smiles;
  private final CidFile names;
  private long unmatched;

  /** One side of the join: the current (CID, value) line of a sorted file. */
  private static final class CidFile {
    final LineReader lines;
    long cid = -1;
    String value;
    SourceRow malformed;

    CidFile(Path file) {
      lines = new LineReader(file);
    }

    boolean ended;

    /**
     * Moves to the next line; a malformed line is held in {@link #malformed}, the end sets {@link
     * #ended}.
     */
    void advance() {
      String line = lines.next();
      malformed = null;
      value = null;
      if (line == null) {
        ended = true;
        return;
      }
      int tab = line.indexOf('\t');
      long parsed;
      try {
        parsed = tab <= 0 ? -1 : Long.parseLong(line.substring(0, tab).strip());
      } catch (NumberFormatException e) {
        parsed = -1;
      }
      if (parsed < 0) {
        malformed =
            SourceRow.malformed(
                lines.fileName(),
                lines.lineNumber(),
                "expected CID<TAB>value, found '" + abbreviate(line) + "'");
        return;
      }
      if (parsed <= cid) {
        throw new ChemException(
            lines.fileName()
                + ":"
                + lines.lineNumber()
                + ": CID "
                + parsed
                + " follows CID "
                + cid
                + "; PubChem files must be sorted by CID with one line per CID");
      }
      cid = parsed;
      value = line.substring(tab + 1).strip();
    }
  }

  public PubChemJoin(Path cidSmiles, Path cidIupac) {
    smiles = new CidFile(cidSmiles);
    try {
      names = new CidFile(cidIupac);
    } catch (RuntimeException e) {
      smiles.lines.close();
      throw e;
    }
    for (CidFile file : List.of(smiles, names)) {
      file.advance();
      if (file.ended) {
        close();
        throw new ChemException(file.lines.fileName() + " is empty: expected CID<TAB>value lines");
      }
    }
  }

  /** CIDs that had a SMILES but no name, or a name but no SMILES. */
  public long unmatched() {
    return unmatched;
  }

  @Override
  SourceRow read() {
    while (true) {
      if (smiles.malformed != null) {
        SourceRow row = smiles.malformed;
        smiles.advance();
        return row;
      } else if (names.malformed != null) {
        SourceRow row = names.malformed;
        names.advance();
        return row;
      } else if (smiles.ended || names.ended) {
        CidFile rest = smiles.ended ? names : smiles;
        if (rest.ended) {
          return null;
        }
        unmatched++;
        rest.advance();
      } else if (smiles.cid != names.cid) {
        unmatched++;
        (smiles.cid < names.cid ? smiles : names).advance();
      } else {
        SourceRow row =
            new SourceRow(
                names.lines.fileName(),
                names.lines.lineNumber(),
                Long.toString(names.cid),
                smiles.value,
                names.value,
                null);
        smiles.advance();
        names.advance();
        return row;
      }
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }

  @Override
  public void close() {
    try {
      smiles.lines.close();
    } finally {
      names.lines.close();
    }
  }
}
