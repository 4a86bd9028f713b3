package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InchiLayersTest {
  // Sodium (2,3-14C2)-labelled ethyl succinate: two components, charge, protonation, isotopes.
  private static final String LABELLED_SALT =
      "InChI=1S/C6H10O4.Na/c1-2-10-6(9)4-3-5(7)8;/h2-4H2,1H3,(H,7,8);/q;+1/p-1/i3+2,4+2;";
  // (1R)-(1-2H1)ethan-1-ol: stereo that exists only through the label.
  private static final String LABELLED_STEREO = "InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3/i2D/t2-/m1/s1";

  @Test
  void cutsEveryLayerOfEveryComponentIntoItsPlace() {
    InchiLayers layers = InchiLayers.of(LABELLED_SALT);
    assertThat(layers.main())
        .isEqualTo("InChI=1S/C6H10O4.Na/c1-2-10-6(9)4-3-5(7)8;/h2-4H2,1H3,(H,7,8);");
    assertThat(layers.charge()).isEqualTo("/q;+1/p-1");
    assertThat(layers.stereo()).isEmpty();
    assertThat(layers.isotopic()).isEqualTo("/i3+2,4+2;");
  }

  @Test
  void isotopicStereoGoesWithStereoWhenStereoIsIgnored() {
    InchiLayers layers = InchiLayers.of(LABELLED_STEREO);
    assertThat(layers.isotopic()).isEqualTo("/i2D/t2-/m1/s1");
    assertThat(layers.key(Stereo.STRICT, Isotopes.STRICT, true)).isEqualTo(LABELLED_STEREO);
    assertThat(layers.key(Stereo.IGNORE, Isotopes.STRICT, true))
        .isEqualTo("InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3/i2D");
    assertThat(layers.key(Stereo.STRICT, Isotopes.IGNORE, true))
        .isEqualTo("InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3");
  }

  @Test
  void differencesAreClassifiedMostSpecificFirst() {
    InchiLayers ethanol = InchiLayers.of("InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3");
    assertThat(InchiLayers.of(LABELLED_STEREO).compare(ethanol, Stereo.STRICT, Isotopes.STRICT))
        .isEqualTo(Verdict.ISOTOPE_ONLY);
    assertThat(InchiLayers.of(LABELLED_STEREO).compare(ethanol, Stereo.STRICT, Isotopes.IGNORE))
        .isEqualTo(Verdict.MATCH);
    InchiLayers glycine = InchiLayers.of("InChI=1S/C2H5NO2/c3-1-2(4)5/h1,3H2,(H,4,5)");
    InchiLayers glycinium = InchiLayers.of("InChI=1S/C2H5NO2/c3-1-2(4)5/h1,3H2,(H,4,5)/p+1");
    assertThat(glycinium.compare(glycine, Stereo.STRICT, Isotopes.STRICT))
        .isEqualTo(Verdict.CHARGE_ONLY);
    assertThat(ethanol.compare(glycine, Stereo.IGNORE, Isotopes.IGNORE))
        .isEqualTo(Verdict.DIFFERENT_STRUCTURE);
  }
}
