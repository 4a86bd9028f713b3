package io.seqtune.text;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields in double quotes may hold commas, newlines and doubled quotes ({@code ""});
 * {@code \r\n} and {@code \n} both end a record. Sweep reports and PubChem-style tables are read
 * with it.
 */
public final class Csv {
  private Csv() {}

  /** Every record of {@code text}; a quoted field left open at the end runs to the end. */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    Reader reader = new Reader();
    for (int i = 0; i < text.length(); i++) {
      List<String> record = reader.accept(text, i);
      if (reader.skipNext) {
        i++;
        reader.skipNext = false;
      }
      if (record != null) {
        records.add(record);
      }
    }
    if (reader.field.length() > 0 || !reader.record.isEmpty()) {
      records.add(reader.end());
    }
    return records;
  }

  /** The fields of one record that fits on {@code line}, or null when a quoted field is open. */
  public static List<String> splitLine(String line) {
    Reader reader = new Reader();
    for (int i = 0; i < line.length(); i++) {
      reader.accept(line, i);
      if (reader.skipNext) {
        i++;
        reader.skipNext = false;
      }
    }
    return reader.quoted ? null : reader.end();
  }

  /** The state of one pass: the record and field being read, and whether inside quotes. */
  private static final class Reader {
    private List<String> record = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean quoted;
    private boolean skipNext;

    /** Reads {@code text.charAt(i)}; returns the record it ends, if it ends one. */
    List<String> accept(String text, int i) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          skipNext = true;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        return end();
      } else if (c != '\r') {
        field.append(c);
      }
      return null;
    }

    List<String> end() {
      record.add(field.toString());
      field.setLength(0);
      List<String> done = record;
      record = new ArrayList<>();
      return done;
    }
  }
}
