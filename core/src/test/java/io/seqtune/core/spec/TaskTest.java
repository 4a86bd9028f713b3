package io.seqtune.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PipelineSpec defaults(String json) throws Exception {
    return JSON.readValue(json, PipelineSpec.class).withDefaults();
  }

  @Test
  void eachTaskDefaultsItsColumnsMetricAndDataSource() throws Exception {
    PipelineSpec toName = defaults("{\"task\":\"smiles2iupac\"}");
    assertThat(toName.data().inputColumn()).isEqualTo("smiles");
    assertThat(toName.data().outputColumn()).isEqualTo("iupac");
    assertThat(toName.data().source()).isEqualTo("synthetic");
    assertThat(toName.promote().metric()).isEqualTo("roundtrip_accuracy");

    PipelineSpec toSmiles = defaults("{\"task\":\"iupac2smiles\"}");
    assertThat(toSmiles.data().inputColumn()).isEqualTo("iupac");
    assertThat(toSmiles.data().outputColumn()).isEqualTo("smiles");
    assertThat(toSmiles.promote().metric()).isEqualTo("roundtrip_accuracy");

    PipelineSpec text = defaults("{\"task\":\"text\",\"data\":{\"path\":\"p.csv\"}}");
    assertThat(text.data().inputColumn()).isEqualTo("input");
    assertThat(text.data().outputColumn()).isEqualTo("output");
    assertThat(text.data().source()).isEqualTo("file");
    assertThat(text.promote().metric()).isEqualTo("exact_match");
  }

  @Test
  void onlyTheChemistryTasksHaveChemistryAndOnlySmiles2iupacWritesNames() {
    assertThat(Task.SMILES_TO_IUPAC.chemistry()).isTrue();
    assertThat(Task.IUPAC_TO_SMILES.chemistry()).isTrue();
    assertThat(Task.TEXT.chemistry()).isFalse();
    assertThat(Task.SMILES_TO_IUPAC.writesNames()).isTrue();
    assertThat(Task.IUPAC_TO_SMILES.writesNames()).isFalse();
    assertThat(Task.IUPAC_TO_SMILES.reversesChemPairs()).isTrue();
    assertThat(Task.SMILES_TO_IUPAC.reversesChemPairs()).isFalse();
    assertThat(Task.TEXT.reversesChemPairs()).isFalse();
  }

  @Test
  void promptWordingFollowsTheDirectionOfTheTask() {
    assertThat(Task.SMILES_TO_IUPAC.text().inputLabel()).isEqualTo("SMILES");
    assertThat(Task.IUPAC_TO_SMILES.text().inputLabel()).isEqualTo("IUPAC");
    assertThat(Task.IUPAC_TO_SMILES.text().outputLabel()).isEqualTo("SMILES");
    assertThat(Task.TEXT.text().description()).isEqualTo("Transform the input into the output.");
  }

  @Test
  void idsAreTheSpecValuesAndAnUnknownIdIsNamedWithTheValidOnes() {
    assertThat(Task.ids()).containsExactly("smiles2iupac", "iupac2smiles", "text");
    assertThat(Task.of("text")).isEqualTo(Task.TEXT);
    assertThat(Task.byId("poem")).isEmpty();
    assertThatThrownBy(() -> Task.of("poem"))
        .hasMessage("task: 'poem' is not one of [smiles2iupac, iupac2smiles, text]");
  }

  @Test
  void anUnknownTaskIsReportedOnceAndTheRestOfTheSpecIsStillChecked() throws Exception {
    assertThatThrownBy(() -> defaults("{\"task\":\"poem\",\"train\":{\"epochs\":0}}").validate())
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "task: 'poem' is not one of [smiles2iupac, iupac2smiles, text]",
                        "train.epochs: 0 is outside 1..1000"));
  }

  @Test
  void syntheticDataIsRefusedForTheTextTaskOnly() throws Exception {
    assertThatThrownBy(
            () -> defaults("{\"task\":\"text\",\"data\":{\"source\":\"synthetic\"}}").validate())
        .hasMessageContaining("data.source: synthetic data exists for chemistry tasks only");
    assertThat(defaults("{\"task\":\"iupac2smiles\"}").validate().taskType())
        .isEqualTo(Task.IUPAC_TO_SMILES);
  }

  @Test
  void theTaskTypeIsNotPartOfTheSpecsJson() throws Exception {
    String json = JSON.writeValueAsString(defaults("{}").validate());
    assertThat(json).doesNotContain("taskType").doesNotContain("formatOrTemplate");
  }
}
