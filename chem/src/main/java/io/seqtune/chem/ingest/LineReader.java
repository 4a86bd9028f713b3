package io.seqtune.chem.ingest;

import io.seqtune.chem.ChemException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
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
 * file and line. A UTF-8 byte-order mark before the first line is dropped. Lines are read one
 * ahead, so a truncated gzip delivers every complete line and then fails naming the last of them
 * (the cut line itself is never delivered).
 */
public final class LineReader implements AutoCloseable {
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private final Path file;
  private final EndAware source;
  private final BufferedReader reader;
  private long lineNumber;
  private String ahead;
  private boolean started;

  public LineReader(Path file) {
    this.file = file;
    if (Files.isDirectory(file)) {
      throw new ChemException(file + " is a directory, not a file");
    }
    try {
      InputStream in = Files.newInputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      this.source = new EndAware(in);
      this.reader =
          new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new ChemException("input file not found: " + file);
    } catch (ZipException | EOFException e) {
      throw new ChemException(file + " is not a readable gzip file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ChemException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** The next line, or null at the end of the file. */
  public String next() {
    if (!started) {
      ahead = read();
      started = true;
    }
    String line = ahead;
    if (line == null) {
      return null;
    }
    ahead = read();
    if (ahead == null && source.truncated) {
      throw new ChemException(
          file + " is truncated after line " + lineNumber + " (unexpected end of gzip data)");
    }
    lineNumber++;
    // Excel and Notepad write a UTF-8 byte-order mark; it is not part of the first column's name.
    return lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line;
  }

  private String read() {
    try {
      return reader.readLine();
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

  /**
   * Ends the stream at a truncated gzip member instead of failing mid-buffer, so the lines before
   * the cut are still delivered, and remembers that it happened.
   */
  private static final class EndAware extends FilterInputStream {
    private boolean truncated;

    EndAware(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (EOFException e) {
        truncated = true;
        return -1;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (EOFException e) {
        truncated = true;
        return -1;
      }
    }
  }
}
