package io.seqtune.chem.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.chem.ChemException;
import io.seqtune.text.Csv;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a structure column and a name column from CSV, TSV or JSONL (plain or gzip). A file that is
 * empty or lacks a column fails at once with a message naming the file and its columns; a bad
 * record becomes a malformed row (quarantined by the caller) and reading goes on.
 */
public final class TableReader extends LookaheadRowSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LineReader lines;
  private final TableFormat format;
  private final String structureColumn;
  private final String nameColumn;
  private int structureIndex = -1;
  private int nameIndex = -1;
  private int fieldCount;

  private TableReader(Path file, String structureColumn, String nameColumn) {
    this.lines = new LineReader(file);
    this.format = TableFormat.of(file);
    this.structureColumn = structureColumn;
    this.nameColumn = nameColumn;
  }

  public static TableReader open(Path file, String structureColumn, String nameColumn) {
    TableReader reader = new TableReader(file, structureColumn, nameColumn);
    try {
      reader.readHeader();
      return reader;
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private void readHeader() {
    String first = nextNonBlank();
    if (first == null) {
      throw new ChemException(
          lines.fileName()
              + " is empty: expected a header with columns '"
              + structureColumn
              + "' and '"
              + nameColumn
              + "'");
    }
    if (format == TableFormat.JSONL) {
      // JSONL has no header: the first record must have both fields, or the column names are wrong.
      SourceRow firstRow = parseJson(first);
      if (firstRow.isMalformed() && firstRow.problem().startsWith("no field")) {
        throw new ChemException(
            lines.fileName() + ":" + lines.lineNumber() + ": " + firstRow.problem());
      }
      unread(firstRow);
      return;
    }
    List<String> header = fields(first);
    if (header == null) {
      throw new ChemException(lines.fileName() + ":1: unterminated quote in the header");
    }
    fieldCount = header.size();
    structureIndex = header.indexOf(structureColumn);
    nameIndex = header.indexOf(nameColumn);
    for (String column : List.of(structureColumn, nameColumn)) {
      if (!header.contains(column)) {
        throw new ChemException(
            lines.fileName() + " has no column '" + column + "'; its columns are " + header);
      }
    }
  }

  @Override
  SourceRow read() {
    String line = nextNonBlank();
    if (line == null) {
      return null;
    }
    return format == TableFormat.JSONL ? parseJson(line) : parseDelimited(line);
  }

  private String nextNonBlank() {
    String line;
    do {
      line = lines.next();
    } while (line != null && line.isBlank());
    return line;
  }

  private List<String> fields(String line) {
    return format == TableFormat.CSV ? Csv.splitLine(line) : Arrays.asList(line.split("\t", -1));
  }

  private SourceRow parseDelimited(String line) {
    long number = lines.lineNumber();
    List<String> values = fields(line);
    if (values == null) {
      return SourceRow.malformed(lines.fileName(), number, "unterminated quote");
    }
    if (values.size() != fieldCount) {
      return SourceRow.malformed(
          lines.fileName(), number, "expected " + fieldCount + " fields, found " + values.size());
    }
    return row(number, values.get(structureIndex), values.get(nameIndex));
  }

  private SourceRow parseJson(String line) {
    long number = lines.lineNumber();
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return SourceRow.malformed(
          lines.fileName(), number, "invalid JSON: " + e.getOriginalMessage());
    }
    for (String column : List.of(structureColumn, nameColumn)) {
      if (node == null || !node.isObject() || !node.hasNonNull(column)) {
        return SourceRow.malformed(
            lines.fileName(), number, "no field '" + column + "' in " + abbreviate(line));
      }
    }
    return row(number, node.get(structureColumn).asText(), node.get(nameColumn).asText());
  }

  private SourceRow row(long number, String structure, String name) {
    if (structure.isBlank() || name.isBlank()) {
      return SourceRow.malformed(
          lines.fileName(), number, structure.isBlank() ? "empty structure" : "empty name");
    }
    return new SourceRow(
        lines.fileName(), number, Long.toString(number), structure.strip(), name.strip(), null);
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }

  @Override
  public void close() {
    lines.close();
  }
}
