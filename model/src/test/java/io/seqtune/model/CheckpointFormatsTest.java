package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.seqtune.model.io.SafetensorsReader;
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
            assertThat(Fixtures.maxDiffWhereMasked(logits, ref.get("logits_first8"), mask.get(":, :8"))).isLessThan(1e-4);
            assertThat(model.parameterStore().get("transformer.wte.weight").value().getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void savedGpt2KeepsHuggingFaceNamesLayoutsAndValues(@TempDir Path dir) {
        Path original = Fixtures.hf("gpt2");
        try (CausalLM model = CausalLM.load(original, DeviceChoice.CPU); NDManager m = NDManager.newBaseManager()) {
            model.save(dir);
            try (SafetensorsReader before = SafetensorsReader.open(original.resolve("model.safetensors"));
                    SafetensorsReader after = SafetensorsReader.open(dir.resolve("model.safetensors"))) {
                assertThat(after.names()).containsExactlyInAnyOrderElementsOf(before.names());
                assertThat(after.shape("transformer.h.0.attn.c_attn.weight").getShape()).containsExactly(64, 192);
                for (String name : before.names()) {
                    assertThat(after.read(name, m).contentEquals(before.read(name, m))).as(name).isTrue();
                }
            }
            assertThat(ModelConfig.read(dir.resolve("config.json")).raw().path("n_embd").asInt()).isEqualTo(64);
        }
    }
}
