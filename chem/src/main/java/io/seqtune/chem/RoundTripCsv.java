package io.seqtune.chem;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Every judged row of a round trip as CSV (RFC 4180 quoting): {@code
 * line,name,structure,verdict,reason}. Written as rows arrive, so a long file needs no memory.
 */
public final class RoundTripCsv implements Consumer<RoundTripFile.RowResult>, AutoCloseable {
  private final Path file;
  private final BufferedWriter out;

  private RoundTripCsv(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Creates (or replaces) the file and writes the header. */
  public static RoundTripCsv create(Path file) {
    try {
      RoundTripCsv csv =
          new RoundTripCsv(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
      csv.line("line", "name", "structure", "verdict", "reason");
      return csv;
    } catch (IOException e) {
      throw new ChemException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void accept(RoundTripFile.RowResult row) {
    line(Long.toString(row.line()), row.name(), row.structure(), row.verdict(), row.reason());
  }

  private void line(String... fields) {
    try {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(quoted(fields[i]));
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String quoted(String field) {
    if (field == null) {
      return "";
    }
    boolean plain =
        field.indexOf(',') < 0
            && field.indexOf('"') < 0
            && field.indexOf('\n') < 0
            && field.indexOf('\r') < 0;
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new ChemException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
