package io.seqtune.chem.ingest;

import io.seqtune.chem.ChemException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Lines of a plain or gzip file, counted, with read errors (truncated gzip, missing file) named by
 * file and line.
 */
final class LineReader implements AutoCloseable {
  private final Path file;
  private final BufferedReader reader;
  private long lineNumber;

  LineReader(Path file) {
    this.file = file;
    try {
      InputStream in = Files.newInputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new ChemException("input file not found: " + file);
    } catch (ZipException | EOFException e) {
      throw new ChemException(file + " is not a readable gzip file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ChemException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** The next line, or null at the end of the file. */
  String next() {
    try {
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (EOFException e) {
      throw new ChemException(
          file + " is truncated after line " + lineNumber + " (unexpected end of gzip data)", e);
    } catch (IOException e) {
      throw new ChemException(
          file + " could not be read after line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  long lineNumber() {
    return lineNumber;
  }

  String fileName() {
    return file.getFileName().toString();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new ChemException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
