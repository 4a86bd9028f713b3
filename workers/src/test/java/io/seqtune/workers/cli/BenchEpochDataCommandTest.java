package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchEpochDataCommandTest {
  @Test
  void printsOneResultPerSizeAsJson() throws Exception {
    CliTest.Run run =
        CliTest.seqtune(
            Map.of(),
            "bench",
            "epoch-data",
            "--rows",
            "200,400",
            "--steps",
            "2",
            "--batch-size",
            "8");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(1).get("rows").asInt()).isEqualTo(400);
    assertThat(results.get(1).get("peak_heap_mb").asDouble()).isPositive();
    assertThat(results.get(1).get("in_memory_peak_heap_mb").asDouble()).isPositive();
  }

  @Test
  void aSplitTooSmallForTheStepsIsAOneLineError() {
    CliTest.Run run =
        CliTest.seqtune(
            Map.of(),
            "bench",
            "epoch-data",
            "--rows",
            "100",
            "--steps",
            "20",
            "--batch-size",
            "32");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err().strip())
        .isEqualTo("seqtune: --rows 100 is fewer than --steps x --batch-size = 640");
  }
}
