package io.seqtune.chem.ingest;

import io.seqtune.chem.NamedMolecule;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A stream of input records that holds an open file. Reading errors of a whole file are
 * ChemExceptions naming file and line.
 */
public interface RowSource extends Iterator<SourceRow>, Closeable {
  @Override
  void close();

  /** Rows already in memory. */
  static RowSource of(List<SourceRow> rows) {
    Iterator<SourceRow> iterator = rows.iterator();
    return new RowSource() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public SourceRow next() {
        return iterator.next();
      }

      @Override
      public void close() {
        // Nothing is open.
      }
    };
  }

  /**
   * Named molecules as rows (source = family, line = position), so they pass the same curation as
   * files.
   */
  static RowSource ofMolecules(List<NamedMolecule> molecules) {
    List<SourceRow> rows = new ArrayList<>(molecules.size());
    for (NamedMolecule molecule : molecules) {
      long line = rows.size() + 1;
      rows.add(
          new SourceRow(
              molecule.family(),
              line,
              Long.toString(line),
              molecule.smiles(),
              molecule.name(),
              null));
    }
    return of(rows);
  }
}
