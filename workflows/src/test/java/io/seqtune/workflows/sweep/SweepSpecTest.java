package io.seqtune.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.report.GridCell;
import io.seqtune.core.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static SweepSpec parse(String json) throws Exception {
    return JSON.readValue(json, SweepSpec.class);
  }

  /** docs/results.md's tables come from these specs: each must stay runnable as written. */
  @Test
  void theSweepsDocsResultsDescribesAreValidSpecs() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs/sweeps"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root (a parent holding docs/sweeps)").isNotNull();
    List<Path> specs;
    try (Stream<Path> files = Files.list(dir.resolve("docs/sweeps"))) {
      specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(specs).isNotEmpty();
    for (Path file : specs) {
      SweepSpec spec = JSON.readValue(file.toFile(), SweepSpec.class).withDefaults().validate();
      assertThat(spec.sweepId()).as(file.toString()).isNotBlank();
      assertThat(spec.cells(spec.sweepId())).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void gridIsTheProductOfTheAxesWithEachCellsValuesSetOnTheBase() throws Exception {
    SweepSpec spec =
        parse(
                """
        {"base":{"data":{"size":100,"seed":9},"train":{"epochs":4,"batchSize":8}},
         "models":["scratch","/models/gpt2"],"sizes":[60,120],"epochs":[1,3],
         "formats":["chat","bare"],"loraRanks":[0,8]}""")
            .withSweepId("sw")
            .withDefaults()
            .validate();
    List<SweepCell> cells = spec.cells("sw");
    assertThat(cells).hasSize(32);
    assertThat(cells).extracting(c -> c.cell().workflowId()).doesNotHaveDuplicates();

    SweepCell last = cells.get(31);
    assertThat(last.cell())
        .isEqualTo(
            new GridCell(
                "gpt2-n120-e3-bare-lora8",
                "sw-gpt2-n120-e3-bare-lora8",
                "/models/gpt2",
                120,
                3,
                "bare",
                8));
    PipelineSpec p = last.spec().withDefaults();
    assertThat(p.runId()).isEqualTo("sw-gpt2-n120-e3-bare-lora8");
    assertThat(p.model().base()).isEqualTo("/models/gpt2");
    assertThat(p.model().loraRank()).isEqualTo(8);
    assertThat(p.data().size()).isEqualTo(120);
    assertThat(p.data().format()).isEqualTo("bare");
    assertThat(p.data().seed()).isEqualTo(9L); // base's other choices are kept
    assertThat(p.train().epochs()).isEqualTo(3);
    assertThat(p.train().batchSize()).isEqualTo(8);
    assertThat(spec.concurrency()).isEqualTo(2);
    assertThat(spec.metric()).isEqualTo("roundtrip_accuracy");
  }

  @Test
  void omittedAxesTakeTheBasesValues() throws Exception {
    SweepSpec spec =
        parse(
                "{\"base\":{\"data\":{\"size\":80,\"format\":\"chat\"},\"train\":{\"epochs\":5}},\"models\":[\"scratch\"]}")
            .withDefaults()
            .validate();
    assertThat(spec.cells("s"))
        .extracting(SweepCell::cell)
        .containsExactly(
            new GridCell(
                "scratch-n80-e5-chat-full",
                "s-scratch-n80-e5-chat-full",
                "scratch",
                80,
                5,
                "chat",
                0));
  }

  @Test
  void aFileReadWholeNeedsItsSizesListed() throws Exception {
    String base = "{\"task\":\"text\",\"data\":{\"path\":\"/data/pairs.csv\"}}";
    assertThatThrownBy(
            () ->
                parse("{\"base\":" + base + ",\"models\":[\"scratch\"]}").withDefaults().validate())
        .hasMessageContaining("sizes: the base reads its data file whole");
    SweepSpec sized =
        parse("{\"base\":" + base + ",\"models\":[\"scratch\"],\"sizes\":[1000,10000]}")
            .withDefaults();
    assertThat(sized.cells("s"))
        .extracting(c -> c.spec().withDefaults().data().size())
        .containsExactly(1000, 10000);
  }

  @Test
  void validationNamesEveryProblemIncludingUnknownFields() throws Exception {
    SweepSpec spec =
        parse(
                """
        {"sweepId":"bad id","base":{"train":{"epochz":2}},"modelz":["x"],"sizes":[5,5],
         "formats":["haiku"],"loraRanks":[-1],"concurrency":0,"metric":"vibes"}""")
            .withDefaults();
    assertThatThrownBy(spec::validate)
        .hasMessageStartingWith("invalid sweep spec:")
        .hasMessageContaining("modelz: unknown field")
        .hasMessageContaining("sweepId: 'bad id'")
        .hasMessageContaining("base.train.epochz: unknown field")
        .hasMessageContaining("sizes: values repeat")
        .hasMessageContaining("sizes: 5 is below 10 examples")
        .hasMessageContaining("formats: 'haiku' is not one of")
        .hasMessageContaining("loraRanks: -1 is negative")
        .hasMessageContaining("concurrency: 0 is outside 1..64")
        .hasMessageContaining("metric: 'vibes'");
  }
}
