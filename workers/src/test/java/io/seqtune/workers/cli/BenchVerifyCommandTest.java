package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seqtune bench verify} on an untrained model: the curve's shape, not its values. */
class BenchVerifyCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsCoverageAtEachPowerOfTwoAndAtTheMostCandidates(@TempDir Path dir) throws Exception {
    List<Example> examples =
        List.of(
            new Example("CCO", "ethanol"),
            new Example("CC", "ethane"),
            new Example("CCC", "propane"));
    PipelineSpec spec =
        JSON.readValue(
                "{\"model\":{\"layers\":1,\"hidden\":16,\"heads\":2,\"maxLength\":64}}",
                PipelineSpec.class)
            .withDefaults()
            .validate();
    try (ModelBundle bundle = ModelBundle.start(spec, examples)) {
      bundle.save(dir.resolve("model"));
    }
    StringBuilder lines = new StringBuilder();
    for (Example e : examples) {
      lines.append(JSON.writeValueAsString(e)).append('\n');
    }
    Files.writeString(dir.resolve("test.jsonl"), lines);

    CliTest.Run run =
        CliTest.seqtune(
            Map.of(),
            "bench",
            "verify",
            "--model-dir",
            dir.resolve("model").toString(),
            "--test",
            dir.resolve("test.jsonl").toString(),
            "--beams",
            "2",
            "--samples",
            "3",
            "--max-new-tokens",
            "12");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode out = JSON.readTree(run.out());
    assertThat(out.get("examples").asInt()).isEqualTo(3);
    JsonNode curve = out.path("coverage").path("coverage_at_k");
    assertThat(curve.fieldNames()).toIterable().containsExactly("1", "2", "4", "5");
    assertThat(out.path("coverage").path("candidates_per_input").asDouble()).isBetween(1.0, 5.0);
    assertThat(out.path("coverage").path("verified").path("n").asInt()).isEqualTo(3);
  }

  @Test
  void aMissingTestFileIsOneLine(@TempDir Path dir) {
    CliTest.Run run =
        CliTest.seqtune(
            Map.of(),
            "bench",
            "verify",
            "--model-dir",
            dir.toString(),
            "--test",
            dir.resolve("absent.jsonl").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("seqtune: --test " + dir.resolve("absent.jsonl") + ": no such file");
  }
}
