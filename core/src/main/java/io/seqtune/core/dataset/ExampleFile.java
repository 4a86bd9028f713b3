package io.seqtune.core.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One dataset split on local disk ({@code <split>.jsonl}, one example a line, blank lines skipped),
 * read by position instead of held in memory. Opening it makes one streaming pass that keeps, per
 * example, the line's byte offset and byte length and the example's length in {@code char}s (input
 * plus output): 16 bytes a row, whatever the text. {@link #get} reads one line back. Reads are
 * positional, so threads may share one instance.
 */
public final class ExampleFile implements Iterable<Example>, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final long[] offsets;
  private final int[] byteLengths;
  private final int[] lengths;

  private ExampleFile(
      Path file, FileChannel channel, long[] offsets, int[] byteLengths, int[] lengths) {
    this.file = file;
    this.channel = channel;
    this.offsets = offsets;
    this.byteLengths = byteLengths;
    this.lengths = lengths;
  }

  /** Indexes {@code file} in one pass; the caller closes the result. */
  public static ExampleFile open(Path file) {
    Index index = new Index();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long position = 0;
      long lineStart = 0;
      for (int b = in.read(); b != -1; b = in.read()) {
        position++;
        if (b == '\n') {
          index.line(lineStart, line);
          line.reset();
          lineStart = position;
        } else {
          line.write(b);
        }
      }
      index.line(lineStart, line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset split " + file, e);
    }
    try {
      return new ExampleFile(
          file,
          FileChannel.open(file, StandardOpenOption.READ),
          Arrays.copyOf(index.offsets, index.size),
          Arrays.copyOf(index.byteLengths, index.size),
          Arrays.copyOf(index.lengths, index.size));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open dataset split " + file, e);
    }
  }

  /** Offsets and lengths of the non-blank lines seen so far, in growing arrays. */
  private static final class Index {
    long[] offsets = new long[1024];
    int[] byteLengths = new int[1024];
    int[] lengths = new int[1024];
    int size;

    void line(long start, ByteArrayOutputStream bytes) throws IOException {
      byte[] line = bytes.toByteArray();
      if (blank(line)) {
        return;
      }
      Example example = JSON.readValue(line, Example.class);
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        byteLengths = Arrays.copyOf(byteLengths, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
      }
      offsets[size] = start;
      byteLengths[size] = line.length;
      lengths[size] = example.input().length() + example.output().length();
      size++;
    }

    private static boolean blank(byte[] line) {
      for (byte b : line) {
        if (!Character.isWhitespace(b)) {
          return false;
        }
      }
      return true;
    }
  }

  public int size() {
    return offsets.length;
  }

  /** Input plus output length in {@code char}s of every example, by position. */
  public int[] lengths() {
    return lengths.clone();
  }

  /** The example on the {@code i}-th non-blank line. */
  public Example get(int i) {
    ByteBuffer buffer = ByteBuffer.allocate(byteLengths[i]);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offsets[i] + buffer.position()) < 0) {
          throw new IOException("ends before example " + i);
        }
      }
      return JSON.readValue(buffer.array(), Example.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read example " + i + " of " + file, e);
    }
  }

  /** Every example in file order, read one at a time. */
  @Override
  public Iterator<Example> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public Example next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
