package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.seqtune.model.lora.LoraAdapter;
import io.seqtune.model.lora.LoraConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEFT-format LoRA: load, train only the adapter, save, merge and export. */
class LoraTest {
  @Test
  void peftAdapterOnOptGivesTransformersLogitsAndMergesToTheSame(@TempDir Path exported) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf("opt"), DeviceChoice.CPU)) {
      Map<String, NDArray> ref = Fixtures.reference("opt_lora", m);
      NDArray ids = ref.get("input_ids");
      NDArray mask = ref.get("attention_mask");
      LoraAdapter adapter = LoraAdapter.load(model, Fixtures.hf("opt_lora"));
      assertThat(adapter.parameters()).hasSize(8);
      NDArray withAdapter = model.logits(ids, mask);
      assertThat(Fixtures.maxDiffWhereMasked(withAdapter, ref.get("logits"), mask))
          .isLessThan(1e-4);

      adapter.merge();
      assertThat(model.hasLora()).isFalse();
      NDArray merged = model.logits(ids, mask);
      assertThat(Fixtures.maxDiffWhereMasked(merged, ref.get("logits"), mask)).isLessThan(1e-4);

      model.save(exported);
      try (CausalLM reloaded = CausalLM.load(exported, DeviceChoice.CPU)) {
        assertThat(reloaded.logits(ids, mask).contentEquals(merged)).isTrue();
      }
    }
  }

  @Test
  void trainingMovesOnlyTheAdapterAndItsSavedFormLoadsBack(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf("gpt2"), DeviceChoice.CPU)) {
      float[] baseBefore =
          model.parameterStore().get("transformer.h.0.attn.c_attn.weight").value().toFloatArray();
      LoraAdapter adapter =
          LoraAdapter.attach(model, new LoraConfig(4, 8, 0.1, List.of("c_attn", "c_proj")), 5);
      assertThat(model.trainableParameters())
          .hasSize(2 * 3 * 2); // 2 layers x (c_attn, attn.c_proj, mlp.c_proj) x (A, B)
      Batch batch =
          Batch.of(
              List.of(new int[] {5, 6, 7}, new int[] {8, 9}),
              List.of(new int[] {10, 11, 12, 13}, new int[] {14, 15}),
              0,
              16);
      try (Trainer trainer =
          new Trainer(model, TrainConfig.builder().learningRate(1e-2).build(), 20)) {
        double before = trainer.evalLoss(batch);
        for (int i = 0; i < 20; i++) {
          trainer.step(batch);
        }
        assertThat(trainer.evalLoss(batch)).isLessThan(before);
      }
      assertThat(
              model
                  .parameterStore()
                  .get("transformer.h.0.attn.c_attn.weight")
                  .value()
                  .toFloatArray())
          .isEqualTo(baseBefore);

      adapter.save(dir);
      assertThat(dir.resolve("adapter_config.json")).exists();
      NDArray ids = m.create(new long[][] {{5, 6, 7, 10, 11}});
      NDArray mask = m.ones(ids.getShape(), DataType.INT64);
      NDArray trained = model.logits(ids, mask);
      try (CausalLM fresh = CausalLM.load(Fixtures.hf("gpt2"), DeviceChoice.CPU)) {
        LoraAdapter.load(fresh, dir);
        assertThat(fresh.logits(ids, mask).contentEquals(trained)).isTrue();
      }
    }
  }

  @Test
  void adapterConfigIsPeftShaped(@TempDir Path dir) throws Exception {
    try (CausalLM model = CausalLM.load(Fixtures.hf("opt"), DeviceChoice.CPU)) {
      LoraAdapter.attach(model, new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj")), 1).save(dir);
      String json = Files.readString(dir.resolve("adapter_config.json"));
      assertThat(json)
          .contains(
              "\"peft_type\" : \"LORA\"",
              "\"task_type\" : \"CAUSAL_LM\"",
              "\"r\" : 2",
              "\"q_proj\"");
    }
  }
}
