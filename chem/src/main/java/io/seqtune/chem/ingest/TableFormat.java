package io.seqtune.chem.ingest;

import io.seqtune.chem.ChemException;
import java.nio.file.Path;
import java.util.Locale;

/** Table file formats, told apart by file extension (a trailing .gz is read through gzip). */
public enum TableFormat {
  CSV,
  TSV,
  JSONL;

  public static TableFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (plain.endsWith(".csv")) {
      return CSV;
    }
    if (plain.endsWith(".tsv") || plain.endsWith(".tab") || plain.endsWith(".txt")) {
      return TSV;
    }
    if (plain.endsWith(".jsonl") || plain.endsWith(".ndjson")) {
      return JSONL;
    }
    throw new ChemException(
        "cannot tell the format of " + file + ": use .csv, .tsv or .jsonl (optionally .gz)");
  }
}
