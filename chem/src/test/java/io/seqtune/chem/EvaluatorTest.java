package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.text.TextMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final List<EvalExample> EXAMPLES =
      List.of(
          new EvalExample("CCO", "ethanol", "ethanol"),
          // A correct but different name: not exact, yet the round trip matches.
          new EvalExample("CC(C)O", "propan-2-ol", "2-propanol"),
          new EvalExample("CCCC(=O)O", "butanoic acid", "propanoic acid"),
          new EvalExample("c1ccccc1", "benzene", "benzenezzz"));

  @Test
  void chemistryReportCountsExactParsedAndMatched() {
    EvalReport report = Evaluator.evaluate(EXAMPLES, true, Stereo.STRICT);
    assertThat(report.n()).isEqualTo(4);
    assertThat(report.exactMatch()).isEqualTo(0.25);
    assertThat(report.parseRate()).isEqualTo(0.75);
    assertThat(report.roundtripAccuracy()).isEqualTo(0.5);
    assertThat(report.meanTanimoto()).isBetween(0.5, 0.95);
    assertThat(report.byHeavyAtoms())
        .singleElement()
        .satisfies(
            bucket -> {
              assertThat(bucket.bucket()).isEqualTo("1-10");
              assertThat(bucket.n()).isEqualTo(4);
            });
    assertThat(report.worst().get(0).prediction()).isEqualTo("benzenezzz");
  }

  @Test
  void textReportLeavesChemistryOut() throws Exception {
    EvalReport report = Evaluator.evaluate(EXAMPLES, false, Stereo.STRICT);
    assertThat(report.parseRate()).isNull();
    JsonNode json = new ObjectMapper().valueToTree(report);
    assertThat(json.has("exact_match")).isTrue();
    assertThat(json.has("normalized_edit_distance")).isTrue();
    assertThat(json.has("parse_rate")).isFalse();
    assertThat(json.get("worst").get(0).has("parsed")).isFalse();
    assertThat(json.get("bleu4").asDouble())
        .isEqualTo(
            TextMetrics.bleu4Chars(
                EXAMPLES.stream().map(EvalExample::reference).toList(),
                EXAMPLES.stream().map(EvalExample::prediction).toList()),
            within(1e-12));
  }

  @Test
  void chemistryJsonUsesSnakeCase() {
    JsonNode json =
        new ObjectMapper().valueToTree(Evaluator.evaluate(EXAMPLES, true, Stereo.IGNORE));
    assertThat(json.get("roundtrip_accuracy").asDouble()).isEqualTo(0.5);
    assertThat(json.get("by_heavy_atoms").get(0).has("roundtrip_accuracy")).isTrue();
  }

  @Test
  void unreadableSourceIsCountedAndExplained() {
    EvalReport report =
        Evaluator.evaluate(List.of(new EvalExample("C1CC(", "x", "ethanol")), true, Stereo.STRICT);
    assertThat(report.roundtripAccuracy()).isZero();
    assertThat(report.worst().get(0).error()).contains("C1CC(");
    assertThat(report.byHeavyAtoms().get(0).bucket()).isEqualTo("unreadable");
  }

  @Test
  void bucketsCoverAllSizes() {
    assertThat(Evaluator.bucketName(1)).isEqualTo("1-10");
    assertThat(Evaluator.bucketName(11)).isEqualTo("11-20");
    assertThat(Evaluator.bucketName(40)).isEqualTo("31-40");
    assertThat(Evaluator.bucketName(41)).isEqualTo("41+");
  }
}
