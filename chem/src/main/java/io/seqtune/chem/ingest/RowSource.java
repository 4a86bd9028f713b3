package io.seqtune.chem.ingest;

import java.io.Closeable;
import java.util.Iterator;

/** A stream of input records that holds an open file. Reading errors of a whole file are ChemExceptions naming file and line. */
public interface RowSource extends Iterator<SourceRow>, Closeable {
    @Override
    void close();
}
