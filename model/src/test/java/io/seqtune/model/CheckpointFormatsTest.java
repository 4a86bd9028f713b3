package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.seqtune.model.io.SafetensorsReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharded bf16 checkpoints in, Hugging Face layouts out. */
class CheckpointFormatsTest {
  @Test
  void shardedBfloat16Gpt2WithTheRealVocabularyMatchesTransformers() {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf("gpt2_bf16_sharded"), DeviceChoice.CPU)) {
      Map<String, NDArray> ref = Fixtures.reference("gpt2_bf16_sharded", m);
      NDArray mask = ref.get("attention_mask");
      NDArray logits = model.logits(ref.get("input_ids"), mask).get(":, :8, :");
      assertThat(Fixtures.maxDiffWhereMasked(logits, ref.get("logits_first8"), mask.get(":, :8")))
          .isLessThan(1e-4);
      assertThat(model.parameterStore().get("transformer.wte.weight").value().getDataType())
          .isEqualTo(DataType.FLOAT32);
    }
  }

  @Test
  void tensorsBeyondTwoGibibytesAreRead(@TempDir Path dir) throws Exception {
    // A sparse file: the second tensor starts after a 2.5 GiB hole, as in a large checkpoint.
    long far = 5L << 29;
    String header =
        "{\"near\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"far\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":["
            + far
            + ","
            + (far + 4)
            + "]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer near =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
    ByteBuffer farBytes =
        ByteBuffer.allocate(4)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) 0x3fc0)
            .putShort((short) 0xc040); // bf16 1.5, -3.0
    Path file = dir.resolve("big.safetensors");
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      ByteBuffer length =
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
      out.write(length.array());
      out.write(json);
      out.write(near.array());
      out.seek(8 + json.length + far);
      out.write(farBytes.array());
    }
    try (NDManager m = NDManager.newBaseManager();
        SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.read("near", m).toFloatArray()).containsExactly(1.5f, -2f);
      assertThat(reader.read("far", m).toFloatArray()).containsExactly(1.5f, -3f);
    }
  }

  @Test
  void float16TensorsWidenExactlyIncludingSubnormalsAndInfinity(@TempDir Path dir)
      throws Exception {
    short[] halves = {0x3c00, (short) 0xc100, 0x7bff, 0x0001, (short) 0xfc00, 0x0000};
    float[] expected = {1f, -2.5f, 65504f, 0x1p-24f, Float.NEGATIVE_INFINITY, 0f};
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[6],\"data_offsets\":[0,12]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer file = ByteBuffer.allocate(8 + json.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    file.putLong(json.length).put(json);
    for (short h : halves) {
      file.putShort(h);
    }
    Files.write(dir.resolve("h.safetensors"), file.array());
    try (NDManager m = NDManager.newBaseManager();
        SafetensorsReader reader = SafetensorsReader.open(dir.resolve("h.safetensors"))) {
      assertThat(reader.read("h", m).toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void savedGpt2KeepsHuggingFaceNamesLayoutsAndValues(@TempDir Path dir) {
    Path original = Fixtures.hf("gpt2");
    try (CausalLM model = CausalLM.load(original, DeviceChoice.CPU);
        NDManager m = NDManager.newBaseManager()) {
      model.save(dir);
      try (SafetensorsReader before =
              SafetensorsReader.open(original.resolve("model.safetensors"));
          SafetensorsReader after = SafetensorsReader.open(dir.resolve("model.safetensors"))) {
        assertThat(after.names()).containsExactlyInAnyOrderElementsOf(before.names());
        assertThat(after.shape("transformer.h.0.attn.c_attn.weight").getShape())
            .containsExactly(64, 192);
        for (String name : before.names()) {
          assertThat(after.read(name, m).contentEquals(before.read(name, m))).as(name).isTrue();
        }
      }
      assertThat(ModelConfig.read(dir.resolve("config.json")).raw().path("n_embd").asInt())
          .isEqualTo(64);
    }
  }
}
