package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripFileTest {
  @TempDir Path dir;

  /**
   * Hand-written, correct (structure, IUPAC) pairs: drugs, natural products, stereo; two structures
   * given as InChI.
   */
  private static Path realWorldNames() throws URISyntaxException {
    return Path.of(RoundTripFileTest.class.getResource("/real-world-names.csv").toURI());
  }

  private static RoundTripFile.Options options(Stereo stereo) {
    return new RoundTripFile.Options("iupac", "structure", stereo, Isotopes.STRICT);
  }

  @Test
  void correctRealWorldNamesRoundTripWithStrictStereo() throws Exception {
    RoundTripReport report = RoundTripFile.run(realWorldNames(), options(Stereo.STRICT), row -> {});
    assertThat(report.rows()).isEqualTo(65);
    assertThat(report.roundtripAccuracy())
        .as(report.failures().toString())
        .isGreaterThanOrEqualTo(0.99);
    assertThat(report.parseRate()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.unreadableStructures()).isZero();
  }

  @Test
  void ignoringStereoCannotLowerTheScore() throws Exception {
    RoundTripReport report = RoundTripFile.run(realWorldNames(), options(Stereo.IGNORE), row -> {});
    assertThat(report.roundtripAccuracy()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.stereo()).isEqualTo("ignore");
  }

  @Test
  void wrongNamesBadStructuresAndBadRowsAreCountedAndExplained() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("check.tsv"),
            String.join(
                "\n",
                "name\tsmiles",
                "ethanol\tCCO",
                "methanol\tCCO",
                "ethanolxx\tCCO",
                "ethanol\tC1CC(",
                "(2R)-2-aminopropanoic acid\tC[C@@H](C(=O)O)N",
                "only one field",
                ""));
    List<RoundTripFile.RowResult> results = new ArrayList<>();
    RoundTripReport report =
        RoundTripFile.run(
            file,
            new RoundTripFile.Options("name", "smiles", Stereo.STRICT, Isotopes.STRICT),
            results::add);
    assertThat(report.rows()).isEqualTo(6);
    assertThat(report.matched()).isEqualTo(1);
    assertThat(report.parsed()).isEqualTo(3);
    assertThat(report.unreadableStructures()).isEqualTo(1);
    assertThat(report.malformedRows()).isEqualTo(1);
    assertThat(report.failures())
        .extracting(RoundTripReport.Failure::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(report.failures().get(0).reason()).startsWith("different structure");
    assertThat(report.verdicts())
        .containsEntry("match", 1L)
        .containsEntry("different_structure", 1L)
        .containsEntry("opsin_cannot_parse", 1L)
        .containsEntry("unreadable_reference", 1L)
        .containsEntry("stereo_only", 1L)
        .containsEntry("malformed_row", 1L)
        .containsEntry("isotope_only", 0L);
    assertThat(results)
        .extracting(RoundTripFile.RowResult::line)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(report.failures().get(1).reason()).startsWith("OPSIN:");
    assertThat(report.failures().get(2).reason()).contains("C1CC(");

    JsonNode json = new ObjectMapper().valueToTree(report);
    for (String field :
        new String[] {
          "rows", "parsed", "matched", "parse_rate", "roundtrip_accuracy", "verdicts"
        }) {
      assertThat(json.has(field)).as(field).isTrue();
    }
  }
}
