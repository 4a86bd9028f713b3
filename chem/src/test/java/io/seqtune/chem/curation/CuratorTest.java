package io.seqtune.chem.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.chem.Molecules;
import io.seqtune.chem.ingest.RowSource;
import io.seqtune.chem.ingest.SourceRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CuratorTest {
  private static final String IBUPROFEN = "CC(C)Cc1ccc(cc1)C(C)C(=O)O";

  @Test
  void eachRowBreakingAPaperCurationRuleIsQuarantinedUnderThatRuleWithADetail() {
    Map<String, String> expectedRule = new LinkedHashMap<>();
    expectedRule.put(IBUPROFEN, null);
    expectedRule.put("CC(C)[C@@H]1CC[C@@H](C)C[C@H]1O", null);
    expectedRule.put("OC(=O)C(C)c1ccc(CC(C)C)cc1", "duplicate_smiles");
    expectedRule.put("C1CC(", "invalid_smiles");
    expectedRule.put("CC(C)Cc1ccc(cc1)C(C)C(=O)[O-].[Na+]", "multiple_components");
    expectedRule.put("ClC1CCC(CC1)CI", "disallowed_element");
    expectedRule.put("[2H]C1CCC(CC1)C(C)CO", "isotope");
    expectedRule.put("CC1CCC(CC1)c1ccc(cc1)[N+](=O)[O-]", "nitro");
    expectedRule.put("CC1CCC(CC1)CCN(C)N=O", "nitroso");
    expectedRule.put("C[N+](C)(C)C1CCCCC1", "charge");
    expectedRule.put("C1CCCCC1", "molecular_weight");
    expectedRule.put("c1ccc2ccccc2c1C(=O)O", "fsp3");
    expectedRule.put("CCCCCCCCCCCC(=O)O", "too_few_rings");
    expectedRule.put("CCCCCCCCCCCCC(c1ccccc1)(c1ccccc1)c1ccccc1", "phenyl_rings");
    expectedRule.put(
        "CCCCCCc1ccc(o1)-c1ccc(o1)-c1ccc(o1)-c1ccc(o1)-c1ccc(o1)CCCCCC", "aromatic_rings");
    List<SourceRow> rows = new ArrayList<>();
    for (String smiles : expectedRule.keySet()) {
      rows.add(new SourceRow("t.csv", rows.size() + 2, "x", smiles, "name " + rows.size(), null));
    }
    // A different molecule under an already used name.
    rows.add(new SourceRow("t.csv", rows.size() + 2, "x", "CC1CCC(CC1)C(C)(C)CO", "name 0", null));
    rows.add(SourceRow.malformed("t.csv", 99, "expected 3 fields, found 2"));

    List<CuratedMolecule> kept = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    Curator curator = new Curator(CurationConfig.paper());
    curator.curate(RowSource.of(rows), kept::add, rejected::add);

    assertThat(kept).extracting(c -> c.molecule().name()).containsExactly("name 0", "name 1");
    assertThat(kept.get(0).molecule().family()).isEqualTo("t.csv");
    for (Rejection rejection : rejected) {
      String smiles = rejection.smiles();
      String expected =
          smiles == null
              ? "malformed_row"
              : smiles.equals("CC1CCC(CC1)C(C)(C)CO") ? "duplicate_name" : expectedRule.get(smiles);
      assertThat(rejection.rule()).as(smiles).isEqualTo(expected);
      assertThat(rejection.detail()).isNotBlank();
    }
    CurationCounts counts = curator.counts(0);
    assertThat(counts.rowsRead()).isEqualTo(rows.size());
    assertThat(counts.kept()).isEqualTo(2);
    assertThat(counts.removedByRule().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(rows.size() - 2);
    assertThat(counts.removedByRule())
        .containsEntry("nitro", 1L)
        .containsEntry("duplicate_name", 1L)
        .containsKey("duplicate_structure");
  }

  @Test
  void keptMoleculesAreCanonicalWithStereo() {
    List<CuratedMolecule> kept = new ArrayList<>();
    new Curator(CurationConfig.paper())
        .curate(
            RowSource.of(
                List.of(
                    new SourceRow("t", 1, "1", "O[C@@H]1C[C@H](C)CC[C@H]1C(C)C", "menthol", null))),
            kept::add,
            r -> {});
    assertThat(kept.get(0).molecule().smiles())
        .contains("@")
        .isEqualTo(Molecules.canonicalSmiles("CC(C)[C@@H]1CC[C@@H](C)C[C@H]1O"));
  }

  @Test
  void seenKeysFindsWhatWasAdded() {
    SeenKeys keys = new SeenKeys();
    for (int i = 0; i < 200_000; i++) {
      assertThat(keys.add("key" + i)).isTrue();
    }
    assertThat(keys.add("key123")).isFalse();
    assertThat(keys.contains("key199999")).isTrue();
    assertThat(keys.contains("key200000")).isFalse();
    assertThat(keys.size()).isEqualTo(200_000);
  }
}
