package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.seqtune.model.io.SafetensorsReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line operations, run on the fixtures' own input files. */
class LmToolsTest {
  @Test
  void logitsTrainStepAndGenerateReproduceTheTransformersFixtures(@TempDir Path dir) {
    Path input = Fixtures.hf("opt_lora").resolve("reference.safetensors");
    Path output = dir.resolve("logits.safetensors");
    LmTools.logits(Fixtures.hf("opt"), Fixtures.hf("opt_lora"), input, output);
    try (NDManager m = NDManager.newBaseManager();
        SafetensorsReader written = SafetensorsReader.open(output)) {
      Map<String, NDArray> ref = Fixtures.reference("opt_lora", m);
      NDArray mask = ref.get("attention_mask");
      assertThat(Fixtures.maxDiffWhereMasked(written.read("logits", m), ref.get("logits"), mask))
          .isLessThan(1e-4);

      Map<String, NDArray> gpt2 = Fixtures.reference("gpt2", m);
      LmTools.TrainStepReport report =
          LmTools.trainStep(
              Fixtures.hf("gpt2"), Fixtures.hf("gpt2").resolve("reference.safetensors"), 1e-3);
      assertThat(report.loss()).isCloseTo(gpt2.get("loss").getFloat(), within(1e-5));
      assertThat(report.gradNorm()).isCloseTo(gpt2.get("grad_norm").getFloat(), within(1e-4));
      assertThat(report.lossAfter())
          .isCloseTo(gpt2.get("loss_after_adamw_step").getFloat(), within(1e-4));

      long[] greedy = gpt2.get("greedy_ids").toLongArray();
      long[] prompt = Arrays.copyOf(greedy, 5);
      assertThat(LmTools.generate(Fixtures.hf("gpt2"), prompt, 8, 1, false))
          .containsExactly(greedy);
      long[] beam = Fixtures.reference("beam_gpt2", m).get("beam4_ids").get("0, :").toLongArray();
      assertThat(LmTools.generate(Fixtures.hf("gpt2"), Arrays.copyOf(beam, 6), 8, 4, false))
          .containsExactly(beam);
    }
  }
}
