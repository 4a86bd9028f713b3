package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoundTripTest {
  private static final String L_ALANINE = "C[C@@H](C(=O)O)N";
  private static final String PARACETAMOL = "CC(=O)NC1=CC=C(O)C=C1";

  private static Verdict verdict(String name, String reference) {
    return verdict(name, reference, Stereo.STRICT, Isotopes.STRICT);
  }

  private static Verdict verdict(String name, String reference, Stereo stereo, Isotopes isotopes) {
    return RoundTrip.judge(name, reference, stereo, isotopes).verdict();
  }

  @Test
  void correctNameMatchesItsMolecule() {
    RoundTrip.Judgement judgement =
        RoundTrip.judge("(2S)-2-aminopropanoic acid", L_ALANINE, Stereo.STRICT, Isotopes.STRICT);
    assertThat(judgement.parsed()).isTrue();
    assertThat(judgement.matched()).isTrue();
    assertThat(judgement.tanimoto()).isEqualTo(1.0);
  }

  @Test
  void wrongStereoIsStereoOnlyUnderStrictAndAMatchUnderIgnore() {
    assertThat(verdict("(2R)-2-aminopropanoic acid", L_ALANINE)).isEqualTo(Verdict.STEREO_ONLY);
    assertThat(verdict("(2R)-2-aminopropanoic acid", L_ALANINE, Stereo.IGNORE, Isotopes.STRICT))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("2-aminopropanoic acid", L_ALANINE, Stereo.IGNORE, Isotopes.STRICT))
        .isEqualTo(Verdict.MATCH);
  }

  @Test
  void wrongStructureParsesButIsADifferentStructure() {
    RoundTrip.Judgement judgement =
        RoundTrip.judge("3-aminopropanoic acid", L_ALANINE, Stereo.IGNORE, Isotopes.STRICT);
    assertThat(judgement.parsed()).isTrue();
    assertThat(judgement.verdict()).isEqualTo(Verdict.DIFFERENT_STRUCTURE);
    assertThat(judgement.tanimoto()).isBetween(0.0, 0.99);
  }

  @Test
  void unparsableNameIsOpsinCannotParseAndScoresZero() {
    assertThat(
            RoundTrip.judge("2-aminopropanoic acidd xx", L_ALANINE, Stereo.STRICT, Isotopes.STRICT))
        .isEqualTo(new RoundTrip.Judgement(Verdict.OPSIN_CANNOT_PARSE, 0.0));
    assertThat(RoundTrip.judge("", L_ALANINE, Stereo.STRICT, Isotopes.STRICT).parsed()).isFalse();
  }

  @Test
  void sourceMayBeInchi() {
    String inchi = Molecules.inchi(Molecules.parseSmiles(L_ALANINE));
    assertThat(verdict("L-alanine", inchi)).isEqualTo(Verdict.MATCH);
  }

  @Test
  void tautomersAndAromaticFormsMatchBySmilesOrInchi() {
    assertThat(verdict("pyridin-2(1H)-one", "Oc1ccccn1")).isEqualTo(Verdict.MATCH);
    assertThat(verdict("benzene", "C1=CC=CC=C1")).isEqualTo(Verdict.MATCH);
  }

  @Test
  void multiComponentNamesMatchInAnyOrderWithTheirCounts() {
    assertThat(verdict("N-(4-hydroxyphenyl)acetamide;hydrochloride", PARACETAMOL + ".Cl"))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("hydrochloride;N-(4-hydroxyphenyl)acetamide", "Cl." + PARACETAMOL))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("ethane-1,2-diamine;dihydrochloride", "Cl.Cl.NCCN"))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("N-(4-hydroxyphenyl)acetamide;dihydrate", "O.O." + PARACETAMOL))
        .isEqualTo(Verdict.MATCH);
    // One water is not two: stoichiometry counts.
    assertThat(verdict("N-(4-hydroxyphenyl)acetamide;hydrate", "O.O." + PARACETAMOL))
        .isEqualTo(Verdict.DIFFERENT_STRUCTURE);
    // The salt without its counter-ion is a different substance.
    assertThat(verdict("N-(4-hydroxyphenyl)acetamide;hydrochloride", PARACETAMOL))
        .isEqualTo(Verdict.DIFFERENT_STRUCTURE);
  }

  @Test
  void metalSaltsNamedByTheirElementAreIonised() {
    assertThat(verdict("sodium;acetate", "CC(=O)[O-].[Na+]")).isEqualTo(Verdict.MATCH);
    assertThat(verdict("acetate;sodium", "[Na+].CC(=O)[O-]")).isEqualTo(Verdict.MATCH);
    assertThat(verdict("disodium;sulfate", "[Na+].[Na+].[O-]S(=O)(=O)[O-]"))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("calcium;diacetate", "[Ca+2].CC(=O)[O-].CC(=O)[O-]"))
        .isEqualTo(Verdict.MATCH);
  }

  @Test
  void zwitterionsMatchTheirNeutralFormButProtonationStatesDiffer() {
    assertThat(verdict("2-azaniumylacetate", "NCC(=O)O")).isEqualTo(Verdict.MATCH);
    assertThat(verdict("2-aminoacetic acid", "[NH3+]CC(=O)[O-]")).isEqualTo(Verdict.MATCH);
    assertThat(verdict("glycinium", "NCC(=O)O")).isEqualTo(Verdict.CHARGE_ONLY);
  }

  @Test
  void isotopesCountUnderStrictAndAreIgnoredOnRequest() {
    String unlabelled = "C1=CC=C(C=C1)F";
    assertThat(verdict("1-deuterio-4-fluorobenzene", unlabelled)).isEqualTo(Verdict.ISOTOPE_ONLY);
    assertThat(verdict("1-deuterio-4-fluorobenzene", unlabelled, Stereo.STRICT, Isotopes.IGNORE))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("1-deuterio-4-fluorobenzene", "[2H]C1=CC=C(C=C1)F"))
        .isEqualTo(Verdict.MATCH);
    assertThat(verdict("(13C)methane", "C", Stereo.STRICT, Isotopes.IGNORE))
        .isEqualTo(Verdict.MATCH);
  }

  @Test
  void unreadableSourceIsADataError() {
    assertThatThrownBy(() -> RoundTrip.judge("ethanol", "C1CC(", Stereo.STRICT, Isotopes.STRICT))
        .isInstanceOf(ChemException.class);
  }
}
