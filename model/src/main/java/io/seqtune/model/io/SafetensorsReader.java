package io.seqtune.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads tensors from one or more safetensors files (a single file, or the shards listed by a {@code
 * model.safetensors.index.json}). Each tensor is memory-mapped on its own, so files of any size
 * work and only the tensors asked for are touched.
 */
public final class SafetensorsReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(
      FileChannel channel, long offset, long length, DataType dtype, Shape shape) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<Path, FileChannel> channels = new LinkedHashMap<>();

  private SafetensorsReader() {}

  /**
   * Opens {@code model.safetensors} or the shards of {@code model.safetensors.index.json} in a
   * model directory.
   */
  public static SafetensorsReader openModelDir(Path dir) {
    Path index = dir.resolve("model.safetensors.index.json");
    if (Files.exists(index)) {
      return openIndex(index);
    }
    Path single = dir.resolve("model.safetensors");
    if (!Files.exists(single)) {
      throw new IllegalArgumentException(
          dir
              + " has no model.safetensors or model.safetensors.index.json"
              + " (pytorch_model.bin checkpoints are not read: convert them to safetensors first)");
    }
    return open(single);
  }

  public static SafetensorsReader open(Path file) {
    SafetensorsReader reader = new SafetensorsReader();
    reader.addFile(file);
    return reader;
  }

  public static SafetensorsReader openIndex(Path indexJson) {
    SafetensorsReader reader = new SafetensorsReader();
    try {
      JsonNode weightMap = JSON.readTree(indexJson.toFile()).get("weight_map");
      weightMap.forEach(
          shard -> {
            Path file = indexJson.resolveSibling(shard.asText());
            if (!reader.channels.containsKey(file)) {
              reader.addFile(file);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reader;
  }

  private void addFile(Path file) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channels.put(file, channel);
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      ByteBuffer header = ByteBuffer.allocate(Math.toIntExact(headerLength));
      channel.read(header, 8);
      long dataStart = 8 + headerLength;
      Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(header.array()).fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("__metadata__")) {
          continue;
        }
        JsonNode info = field.getValue();
        long begin = info.get("data_offsets").get(0).asLong();
        long end = info.get("data_offsets").get(1).asLong();
        long[] dims = new long[info.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = info.get("shape").get(i).asLong();
        }
        DType dtype = DType.fromSafetensors(info.get("dtype").asText());
        entries.put(
            field.getKey(),
            new Entry(channel, dataStart + begin, end - begin, dtype.djl(), new Shape(dims)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read safetensors file " + file, e);
    }
  }

  public Set<String> names() {
    return entries.keySet();
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  public Shape shape(String name) {
    return entry(name).shape();
  }

  public DataType dataType(String name) {
    return entry(name).dtype();
  }

  /**
   * Reads one tensor into {@code manager}, converted to {@code dtype} (a copy, independent of the
   * file; 16-bit floats arrive as float32 unless converted).
   */
  public NDArray read(String name, NDManager manager, DataType dtype) {
    Entry e = entry(name);
    try {
      ByteBuffer file =
          e.channel()
              .map(FileChannel.MapMode.READ_ONLY, e.offset(), e.length())
              .order(ByteOrder.nativeOrder());
      ByteBuffer bytes = file;
      DataType stored = e.dtype();
      if (stored == DataType.BFLOAT16 || stored == DataType.FLOAT16) {
        bytes = HalfFloats.toFloat32(file, stored == DataType.BFLOAT16);
        stored = DataType.FLOAT32;
      }
      NDArray result;
      try (NDManager staging = manager.newSubManager()) {
        // The staging array may point into the read-only mapped file: always copy out of it
        // (toType to the same type would return the same tensor).
        NDArray mapped = staging.create(bytes, e.shape(), stored);
        result = mapped.getDataType() == dtype ? mapped.duplicate() : mapped.toType(dtype, false);
        result.attach(manager);
      }
      // The staging view is closed and the result is a copy: unmap now, not at some later GC.
      DirectBuffers.free(file);
      if (bytes != file) {
        DirectBuffers.free(bytes);
      }
      return result;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot map tensor " + name, ex);
    }
  }

  /** Reads a tensor in its stored data type, except that 16-bit floats arrive as float32. */
  public NDArray read(String name, NDManager manager) {
    DataType stored = entry(name).dtype();
    boolean half = stored == DataType.BFLOAT16 || stored == DataType.FLOAT16;
    return read(name, manager, half ? DataType.FLOAT32 : stored);
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("tensor not found: " + name);
    }
    return e;
  }

  @Override
  public void close() {
    for (FileChannel channel : channels.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
