package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
  private static List<NamedMolecule> molecules;

  @BeforeAll
  static void generate() {
    molecules = new SyntheticGenerator(SyntheticConfig.defaults(900, 7)).generate();
  }

  @Test
  void makesTheRequestedNumberOfDistinctStructuresAndNames() {
    assertThat(molecules).hasSize(900);
    assertThat(molecules.stream().map(m -> Molecules.inchiKey(m.smiles())).distinct()).hasSize(900);
    assertThat(molecules.stream().map(NamedMolecule::name).distinct()).hasSize(900);
  }

  @Test
  void aldehydesKeepTheirHydrogenSoNoNameDescribesAKetene() {
    // "prop-1-enal" and "1-chloropropanal" parse in OPSIN, as ketenes or worse; they are not names.
    assertThat(molecules)
        .noneMatch(m -> m.smiles().contains("=C=O") || m.smiles().contains("O=C="));
  }

  @Test
  void everyNameParsesBackToItsCanonicalSmiles() {
    List<String> mismatches =
        molecules.parallelStream()
            .filter(
                m ->
                    !Molecules.nameToSmiles(m.name())
                        .map(Molecules::canonicalSmiles)
                        .orElse("")
                        .equals(m.smiles()))
            .map(NamedMolecule::name)
            .toList();
    assertThat(mismatches).isEmpty();
    assertThat(molecules)
        .allSatisfy(m -> assertThat(Molecules.canonicalSmiles(m.smiles())).isEqualTo(m.smiles()));
  }

  @Test
  void coversEveryFamilyInProportion() {
    Map<String, Long> counts =
        molecules.stream()
            .collect(Collectors.groupingBy(NamedMolecule::family, Collectors.counting()));
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(SyntheticConfig.families());
    SyntheticConfig.DEFAULT_MIX.forEach(
        (family, weight) ->
            assertThat(counts.get(family)).as(family).isEqualTo(Math.round(900 * weight)));
  }

  @Test
  void namesSpanRingsFunctionalGroupsSubstituentsAndStereoDescriptors() {
    Set<String> names = molecules.stream().map(NamedMolecule::name).collect(Collectors.toSet());
    for (String fragment :
        List.of(
            "ene",
            "yne",
            "cyclo",
            "benzene",
            "naphthalene",
            "pyridin",
            "thiophen",
            "piperidin",
            "oic acid",
            "oate",
            "amide",
            "nitrile",
            "al",
            "one",
            "ol",
            "amine",
            "thiol",
            "methoxy",
            "chloro",
            "bromo",
            "di",
            "bis(",
            "E)",
            "Z)",
            "R",
            "S)",
            "N-")) {
      assertThat(names).as(fragment).anyMatch(name -> name.contains(fragment));
    }
  }

  @Test
  void sameSeedGivesSameDataAndAnotherSeedDiffers() {
    SyntheticConfig small = new SyntheticConfig(60, 7, Map.of("arenes", 1.0, "stereo", 1.0));
    List<NamedMolecule> first = new SyntheticGenerator(small).generate();
    assertThat(new SyntheticGenerator(small).generate()).isEqualTo(first);
    List<NamedMolecule> other =
        new SyntheticGenerator(new SyntheticConfig(60, 8, small.familyMix())).generate();
    assertThat(new HashSet<>(other)).isNotEqualTo(new HashSet<>(first));
  }

  @Test
  void exhaustedFamiliesHandTheirShareToOthers() {
    // Few distinct alkenes fit in 2-8 carbons with this little variety; asking for many still fills
    // up.
    List<NamedMolecule> made =
        new SyntheticGenerator(new SyntheticConfig(3000, 1, Map.of("alkanes", 0.9, "arenes", 0.1)))
            .generate();
    assertThat(made).hasSize(3000);
  }

  @Test
  void rejectsUnknownFamiliesAndBadWeights() {
    assertThatThrownBy(() -> new SyntheticConfig(10, 1, Map.of("steroids", 1.0)))
        .hasMessageContaining("steroids");
    assertThatThrownBy(() -> new SyntheticConfig(10, 1, Map.of("arenes", -1.0)))
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new SyntheticConfig(-1, 1, SyntheticConfig.DEFAULT_MIX))
        .hasMessageContaining("size");
  }
}
