package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoundTripTest {
  private static final String L_ALANINE = "C[C@@H](C(=O)O)N";

  @Test
  void correctNameMatchesItsMolecule() {
    RoundTrip.Judgement judgement =
        RoundTrip.judge("(2S)-2-aminopropanoic acid", L_ALANINE, Stereo.STRICT);
    assertThat(judgement.parsed()).isTrue();
    assertThat(judgement.matched()).isTrue();
    assertThat(judgement.tanimoto()).isEqualTo(1.0);
  }

  @Test
  void wrongStereoFailsStrictButPassesIgnore() {
    assertThat(RoundTrip.judge("(2R)-2-aminopropanoic acid", L_ALANINE, Stereo.STRICT).matched())
        .isFalse();
    assertThat(RoundTrip.judge("(2R)-2-aminopropanoic acid", L_ALANINE, Stereo.IGNORE).matched())
        .isTrue();
    assertThat(RoundTrip.judge("2-aminopropanoic acid", L_ALANINE, Stereo.IGNORE).matched())
        .isTrue();
  }

  @Test
  void wrongStructureParsesButDoesNotMatch() {
    RoundTrip.Judgement judgement =
        RoundTrip.judge("3-aminopropanoic acid", L_ALANINE, Stereo.IGNORE);
    assertThat(judgement.parsed()).isTrue();
    assertThat(judgement.matched()).isFalse();
    assertThat(judgement.tanimoto()).isBetween(0.0, 0.99);
  }

  @Test
  void unparsableNameScoresZero() {
    assertThat(RoundTrip.judge("2-aminopropanoic acidd xx", L_ALANINE, Stereo.STRICT))
        .isEqualTo(new RoundTrip.Judgement(false, false, 0.0));
    assertThat(RoundTrip.judge("", L_ALANINE, Stereo.STRICT).parsed()).isFalse();
  }

  @Test
  void sourceMayBeInchi() {
    String inchi = Molecules.inchi(Molecules.parseSmiles(L_ALANINE));
    assertThat(RoundTrip.judge("L-alanine", inchi, Stereo.STRICT).matched()).isTrue();
  }

  @Test
  void tautomersAndAromaticFormsMatchBySmilesOrInchi() {
    assertThat(RoundTrip.judge("pyridin-2(1H)-one", "Oc1ccccn1", Stereo.STRICT).matched()).isTrue();
    assertThat(RoundTrip.judge("benzene", "C1=CC=CC=C1", Stereo.STRICT).matched()).isTrue();
  }

  @Test
  void unreadableSourceIsADataError() {
    assertThatThrownBy(() -> RoundTrip.judge("ethanol", "C1CC(", Stereo.STRICT))
        .isInstanceOf(ChemException.class);
  }
}
