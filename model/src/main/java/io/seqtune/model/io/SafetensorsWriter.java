package io.seqtune.model.io;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Writes named tensors to one safetensors file, streaming one tensor at a time. */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /** Writes {@code tensors} in iteration order; {@code metadata} may be empty. */
  public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      NDArray t = e.getValue();
      long length = t.size() * t.getDataType().getNumOfBytes();
      ObjectNode info = header.putObject(e.getKey());
      info.put("dtype", DType.fromDjl(t.getDataType()).safetensorsName());
      info.putArray("shape")
          .addAll(
              java.util.Arrays.stream(t.getShape().getShape())
                  .mapToObj(JSON.getNodeFactory()::numberNode)
                  .toList());
      info.putArray("data_offsets").add(offset).add(offset + length);
      offset += length;
    }
    byte[] headerBytes = paddedHeader(header.toString());
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer prefix =
          ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putLong(headerBytes.length).put(headerBytes).flip();
      writeFully(out, prefix);
      for (NDArray t : tensors.values()) {
        writeFully(out, t.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The header is padded with spaces to a multiple of 8 bytes, as the reference writer does. */
  private static byte[] paddedHeader(String json) {
    byte[] raw = json.getBytes(StandardCharsets.UTF_8);
    int padded = (raw.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    java.util.Arrays.fill(out, (byte) ' ');
    System.arraycopy(raw, 0, out, 0, raw.length);
    return out;
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
