package io.seqtune.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.model.ComputeDtype;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static PipelineSpec parse(String json) throws Exception {
    return JSON.readValue(json, PipelineSpec.class);
  }

  @Test
  void emptySpecGetsRunnableDefaults() throws Exception {
    PipelineSpec spec = parse("{}").withDefaults().validate();
    assertThat(spec.task()).isEqualTo("smiles2iupac");
    assertThat(spec.data().source()).isEqualTo("synthetic");
    assertThat(spec.model().fromScratch()).isTrue();
    assertThat(spec.promote().metric()).isEqualTo("roundtrip_accuracy");
  }

  @Test
  void unknownFieldsAtAnyDepthAreNamedAfterDefaultsApply() throws Exception {
    PipelineSpec spec =
        parse("{\"tsak\":\"x\",\"train\":{\"epochz\":3},\"data\":{\"sze\":1}}").withDefaults();
    assertThatThrownBy(spec::validate)
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("tsak: unknown field")
        .hasMessageContaining("train.epochz: unknown field")
        .hasMessageContaining("data.sze: unknown field");
  }

  @Test
  void everyBadValueIsListedAtOnce() throws Exception {
    PipelineSpec spec =
        parse(
                """
        {"task":"translate","train":{"epochs":0,"schedule":"wavy"},"model":{"hidden":30,"heads":4},
         "data":{"format":"poem"},"eval":{"stereo":"maybe"}}""")
            .withDefaults();
    assertThatThrownBy(spec::validate)
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).problems()).hasSize(6));
  }

  @Test
  void isotopesDefaultToStrictAndOnlyStrictOrIgnoreAreAccepted() throws Exception {
    assertThat(parse("{}").withDefaults().validate().eval().isotopes()).isEqualTo("strict");
    assertThat(
            parse("{\"eval\":{\"isotopes\":\"ignore\"}}")
                .withDefaults()
                .validate()
                .eval()
                .isotopes())
        .isEqualTo("ignore");
    assertThatThrownBy(() -> parse("{\"eval\":{\"isotopes\":\"loose\"}}").withDefaults().validate())
        .hasMessageContaining("eval.isotopes: 'loose' is not one of [strict, ignore]");
  }

  @Test
  void dropoutDefaultsToNoneFromScratchAndToTheBaseModelsOwnOtherwise() throws Exception {
    assertThat(parse("{}").withDefaults().validate().model().dropout()).isEqualTo(0.0);
    assertThat(
            parse("{\"model\":{\"base\":\"/models/opt-125m\"}}")
                .withDefaults()
                .validate()
                .model()
                .dropout())
        .isNull();
    assertThatThrownBy(() -> parse("{\"model\":{\"dropout\":1.0}}").withDefaults().validate())
        .hasMessageContaining("model.dropout: 1.0 is outside [0, 1)");
  }

  @Test
  void precisionUnsetStaysOutOfTheSpecAndOnlyFloat32OrBfloat16AreAccepted() throws Exception {
    PipelineSpec defaults = parse("{}").withDefaults().validate();
    assertThat(defaults.train().computeDtype()).isEqualTo(ComputeDtype.FLOAT32);
    // Absent from the JSON that keys checkpoints, so specs written before it keep their key.
    assertThat(new ObjectMapper().writeValueAsString(defaults)).doesNotContain("precision");
    assertThat(
            parse("{\"train\":{\"precision\":\"bfloat16\"}}")
                .withDefaults()
                .validate()
                .train()
                .computeDtype())
        .isEqualTo(ComputeDtype.BFLOAT16);
    assertThatThrownBy(() -> parse("{\"train\":{\"precision\":\"fp8\"}}").withDefaults().validate())
        .hasMessageContaining("train.precision: 'fp8' is not one of [float32, bfloat16]");
  }

  @Test
  void textTaskNeedsAFile() throws Exception {
    assertThatThrownBy(() -> parse("{\"task\":\"text\"}").withDefaults().validate())
        .hasMessageContaining("data.path: required for source 'file'");
  }

  @Test
  void specSurvivesAJsonRoundTripWithoutInventingFields() throws Exception {
    PipelineSpec spec =
        parse("{\"task\":\"text\",\"data\":{\"path\":\"pairs.csv\"}}").withDefaults().validate();
    PipelineSpec back = parse(JSON.writeValueAsString(spec));
    assertThat(back.withDefaults().validate()).isEqualTo(spec);
  }

  @Test
  void aSpecWithoutPretrainingSerialisesWithoutATraceOfTheStage() throws Exception {
    PipelineSpec spec = parse("{}").withDefaults().validate();

    assertThat(spec.pretrains()).isFalse();
    // The bytes its checkpoints' spec sha256 is taken of: no trace of the stage, so a run begun
    // before the stage existed still finds its checkpoints made under the same spec.
    assertThat(new String(ObjectStore.jsonBytes(spec), StandardCharsets.UTF_8))
        .doesNotContain("pretrain");
  }

  @Test
  void pretrainingGetsDefaultsOfItsOwnAndInheritsTheLearningRate() throws Exception {
    PretrainSpec p =
        parse("{\"train\":{\"learningRate\":0.001},\"pretrain\":{}}")
            .withDefaults()
            .validate()
            .pretrain();

    assertThat(p).isEqualTo(new PretrainSpec(3, 20_000, "synthetic", null, 101L, 0.001, Map.of()));
    TrainSpec t = p.training(parse("{}").withDefaults().train());
    assertThat(t.epochs()).isEqualTo(3);
    assertThat(t.learningRate()).isEqualTo(0.001);
  }

  @Test
  void everyPretrainingProblemIsNamedByPath() throws Exception {
    assertThatThrownBy(
            () ->
                parse(
                        """
                    {"model":{"base":"/models/opt-125m"},
                     "pretrain":{"epochs":0,"size":5,"source":"web","learningRate":2,"colour":1}}""")
                    .withDefaults()
                    .validate())
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "pretrain.colour: unknown field",
                        "pretrain: only a model from scratch (model.base 'scratch') is pretrained"
                            + " here; base '/models/opt-125m' is pretrained already",
                        "pretrain.epochs: 0 is outside 1..1000",
                        "pretrain.size: 5 is outside 10..10000000 texts",
                        "pretrain.source: 'web' is not one of [synthetic, file]",
                        "pretrain.learningRate: 2.0 is outside (0, 1)"));
    assertThatThrownBy(
            () ->
                parse(
                        "{\"task\":\"text\",\"data\":{\"path\":\"p.csv\"},"
                            + "\"pretrain\":{\"source\":\"synthetic\"}}")
                    .withDefaults()
                    .validate())
        .hasMessageContaining(
            "pretrain.source: synthetic text exists for chemistry tasks only; give a file");
    assertThatThrownBy(
            () -> parse("{\"pretrain\":{\"source\":\"file\"}}").withDefaults().validate())
        .hasMessageContaining("pretrain.path: required for source 'file'");
    assertThatThrownBy(
            () -> SpecReader.pipeline(JSON.readTree("{\"pretrain\":{\"epochs\":\"three\"}}")))
        .hasMessageContaining("pretrain.epochs: expected a whole number, got a string (\"three\")");
  }
}
