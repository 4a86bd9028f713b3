package io.seqtune.chem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoleculesTest {
  @Test
  void canonicalSmilesDoesNotDependOnAtomOrder() {
    assertThat(Molecules.canonicalSmiles("OCC")).isEqualTo(Molecules.canonicalSmiles("C(O)C"));
    assertThat(Molecules.canonicalSmiles("c1ccccc1O"))
        .isEqualTo(Molecules.canonicalSmiles("Oc1ccccc1"));
  }

  /**
   * Models learn SMILES->name far better from the InChI-numbered form than from CDK's Morgan one.
   */
  @Test
  void canonicalSmilesIsInchiNumberedWithOrWithoutStereo() {
    assertThat(Molecules.canonicalSmiles("FC(F)(F)C=1C=CC=C(NCC)C1SC"))
        .isEqualTo("CCNC1=C(C(=CC=C1)C(F)(F)F)SC");
    assertThat(Molecules.canonicalSmiles("ClC(=C(Br)C)CCCC")).startsWith("CCCC");
    assertThat(Molecules.canonicalSmiles("O(C)C")).isEqualTo("COC");
  }

  @Test
  void canonicalSmilesKeepsStereo() {
    String lAlanine = Molecules.canonicalSmiles("C[C@@H](C(=O)O)N");
    String dAlanine = Molecules.canonicalSmiles("C[C@H](C(=O)O)N");
    assertThat(lAlanine).isNotEqualTo(dAlanine).contains("@");
    assertThat(Molecules.inchiKey(lAlanine)).isNotEqualTo(Molecules.inchiKey(dAlanine));
  }

  @Test
  void invalidSmilesNamesTheInput() {
    assertThatThrownBy(() -> Molecules.canonicalSmiles("C1CC("))
        .isInstanceOf(ChemException.class)
        .hasMessageContaining("C1CC(");
    assertThatThrownBy(() -> Molecules.canonicalSmiles(" "))
        .isInstanceOf(ChemException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void opsinNamesGiveTheSameStructureAsSmiles() {
    assertThat(Molecules.nameToSmiles("ethanol").map(Molecules::canonicalSmiles))
        .contains(Molecules.canonicalSmiles("CCO"));
    assertThat(Molecules.nameToSmiles("2-methylpropan-2-ol").map(Molecules::inchiKey))
        .contains(Molecules.inchiKey("CC(C)(C)O"));
    assertThat(Molecules.nameToSmiles("not a chemical name")).isEmpty();
    assertThat(Molecules.nameRejection("not a chemical name")).isPresent();
  }

  @Test
  void inchiAndSmilesInputsAreTheSameMolecule() {
    String inchi = Molecules.inchi(Molecules.parseSmiles("CCO"));
    assertThat(inchi).startsWith("InChI=1S/C2H6O");
    assertThat(Molecules.inchiKey(Molecules.parseStructure(inchi)))
        .isEqualTo(Molecules.inchiKey("OCC"));
  }

  @Test
  void heavyAtomsCountsNonHydrogens() {
    assertThat(Molecules.heavyAtoms("CCO")).isEqualTo(3);
    assertThat(Molecules.heavyAtoms("[2H]C([2H])([2H])Cl")).isEqualTo(2);
  }
}
