package io.seqtune.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.dropout} reaches the model that trains and the config.json a resumed epoch reads
 * back.
 */
class ModelBundleDropoutTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<Example> EXAMPLES =
      List.of(new Example("CCO", "ethanol"), new Example("CC", "ethane"));

  static PipelineSpec spec(String model) throws Exception {
    return JSON.readValue("{\"model\":" + model + "}", PipelineSpec.class)
        .withDefaults()
        .validate();
  }

  static double attentionDropout(ModelConfig config) {
    return config.doubleValue("attn_pdrop", Double.NaN);
  }

  @Test
  void fromScratchTrainsWithoutDropoutUnlessTheSpecSetsIt(@TempDir Path dir) throws Exception {
    try (ModelBundle plain =
        ModelBundle.start(spec("{\"layers\":1,\"hidden\":16,\"heads\":2}"), EXAMPLES)) {
      assertThat(attentionDropout(plain.model().config())).isEqualTo(0.0);
    }
    try (ModelBundle set =
        ModelBundle.start(
            spec("{\"layers\":1,\"hidden\":16,\"heads\":2,\"dropout\":0.2}"), EXAMPLES)) {
      assertThat(set.model().config().doubleValue("resid_pdrop", Double.NaN)).isEqualTo(0.2);
      set.save(dir);
    }
    assertThat(attentionDropout(ModelConfig.read(dir.resolve("config.json")))).isEqualTo(0.2);
  }

  @Test
  void aBaseModelKeepsItsOwnDropoutUnlessTheSpecOverridesIt(@TempDir Path base) throws Exception {
    try (ModelBundle scratch =
        ModelBundle.start(
            spec("{\"layers\":1,\"hidden\":16,\"heads\":2,\"dropout\":0.1}"), EXAMPLES)) {
      scratch.save(base);
    }
    String baseJson = JSON.writeValueAsString(base.toString());
    try (ModelBundle kept = ModelBundle.start(spec("{\"base\":" + baseJson + "}"), EXAMPLES)) {
      assertThat(attentionDropout(kept.model().config())).isEqualTo(0.1);
    }
    try (ModelBundle overridden =
        ModelBundle.start(spec("{\"base\":" + baseJson + ",\"dropout\":0.3}"), EXAMPLES)) {
      assertThat(attentionDropout(overridden.model().config())).isEqualTo(0.3);
    }
  }
}
