package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The judge on curated real name sets it was not built from (sources in {@code
 * real-names/README.md}): a correct name must be judged correct, so every gap below the floor is a
 * fault of the judge. The floors are the targets the judge is held to.
 */
class RealNameSetsTest {

  private static RoundTripReport run(String resource, String name, String structure, Stereo stereo)
      throws URISyntaxException {
    Path file = Path.of(RealNameSetsTest.class.getResource(resource).toURI());
    return RoundTripFile.run(
        file, new RoundTripFile.Options(name, structure, stereo, Isotopes.STRICT), row -> {});
  }

  @Test
  void pubchemStyleNamesRoundTripAtLeast99Percent() throws Exception {
    RoundTripReport records =
        run("/real-names/pubchem-records.csv", "iupac", "smiles", Stereo.STRICT);
    RoundTripReport drugs = run("/real-world-names.csv", "iupac", "structure", Stereo.STRICT);
    long rows = records.rows() + drugs.rows();
    double rate = (double) (records.matched() + drugs.matched()) / rows;
    assertThat(rows).isEqualTo(78);
    assertThat(rate).as(records.failures() + " " + drugs.failures()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void isotopeAndSaltReferenceNamesRoundTripAtLeast98Percent() throws Exception {
    RoundTripReport report =
        run("/real-names/opsin-isotopes-salts.tsv", "name", "inchi", Stereo.STRICT);
    assertThat(report.rows()).isEqualTo(98);
    assertThat(report.roundtripAccuracy())
        .as(report.failures().toString())
        .isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void nameToInchiPairsRoundTripAtLeast97PercentWithStrictStereo() throws Exception {
    RoundTripReport report =
        run("/real-names/opsin-name-inchi.tsv", "name", "inchi", Stereo.STRICT);
    assertThat(report.rows()).isEqualTo(151);
    assertThat(report.roundtripAccuracy())
        .as(report.failures().toString())
        .isGreaterThanOrEqualTo(0.97);
    assertThat(report.verdicts().get("unreadable_reference")).isZero();
  }
}
