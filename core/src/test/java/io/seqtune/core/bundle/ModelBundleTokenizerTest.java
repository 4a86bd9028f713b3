package io.seqtune.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.SpecException;
import io.seqtune.model.CharTokenizer;
import io.seqtune.model.DeviceChoice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.tokenizer}: characters by default, or a BPE learned from the training examples. */
class ModelBundleTokenizerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<Example> TRAIN =
      List.of(
          new Example("CCO", "ethanol"),
          new Example("CCCO", "propan-1-ol"),
          new Example("CCCCO", "butan-1-ol"),
          new Example("CC", "ethane"));

  static PipelineSpec spec(String model) throws Exception {
    return JSON.readValue("{\"model\":" + model + "}", PipelineSpec.class)
        .withDefaults()
        .validate();
  }

  @Test
  void aBpeModelFromScratchEncodesInFewerTokensAndReloadsFromItsDirectory(@TempDir Path dir)
      throws Exception {
    Example example = TRAIN.get(1);
    int[][] characters;
    try (ModelBundle chars =
        ModelBundle.start(spec("{\"layers\":1,\"hidden\":16,\"heads\":2}"), TRAIN)) {
      assertThat(chars.tokenizer()).isInstanceOf(CharTokenizer.class);
      characters = chars.encode(example);
    }
    int[][] pieces;
    try (ModelBundle bpe =
        ModelBundle.start(
            spec("{\"layers\":1,\"hidden\":16,\"heads\":2,\"tokenizer\":\"bpe\",\"bpeMerges\":40}"),
            TRAIN)) {
      pieces = bpe.encode(example);
      assertThat(bpe.model().config().vocabSize()).isEqualTo(bpe.tokenizer().vocabSize());
      bpe.save(dir);
    }
    assertThat(pieces[0].length + pieces[1].length)
        .isLessThan(characters[0].length + characters[1].length);
    try (ModelBundle reloaded = ModelBundle.load(dir, DeviceChoice.CPU)) {
      assertThat(reloaded.encode(example)).isDeepEqualTo(pieces);
      assertThat(reloaded.decodeAnswer(pieces[1])).isEqualTo(example.output());
    }
  }

  @Test
  void aTokenizerOptionOutsideItsUseIsRejectedWithTheField() throws Exception {
    assertThatThrownBy(() -> spec("{\"tokenizer\":\"words\"}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("model.tokenizer: 'words' is not one of [char, bpe]");
    assertThatThrownBy(() -> spec("{\"base\":\"/models/gpt2\",\"tokenizer\":\"bpe\"}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("only a model from scratch learns a tokenizer");
    assertThatThrownBy(() -> spec("{\"bpeMerges\":100}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("model.bpeMerges");
  }
}
