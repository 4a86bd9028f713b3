package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BPE learned in Java, loaded back through DJL's bindings to the tokenizers library. */
class BpeTrainerTest {
  static final List<String> TEXTS =
      List.of(
          "SMILES: CCO\nIUPAC: ethanol",
          "SMILES: CCCO\nIUPAC: propan-1-ol",
          "SMILES: CC(C)O\nIUPAC: propan-2-ol",
          "SMILES: CCCCO\nIUPAC: butan-1-ol",
          "SMILES: CC\nIUPAC: ethane");

  @Test
  void theTokenizersLibraryLoadsTheLearnedMergesAndRoundTripsText(@TempDir Path dir)
      throws IOException {
    BpeTrainer.train(TEXTS, 30, dir);

    JsonNode model = new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile());
    int merges = model.path("model").path("merges").size();
    assertThat(merges).isBetween(1, 30);
    try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
      assertThat(tokenizer).isInstanceOf(HfTokenizer.class);
      assertThat(tokenizer.eosId()).isEqualTo(CharTokenizer.EOS);
      assertThat(tokenizer.padId()).isEqualTo(CharTokenizer.PAD);
      assertThat(tokenizer.bosId()).isEqualTo(CharTokenizer.BOS);
      for (String text : TEXTS) {
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).isLessThan(text.length());
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
      }
      // Merges across a space are stored as pairs, not as space-separated strings.
      String spanning =
          StreamSupport.stream(
                  Spliterators.spliteratorUnknownSize(
                      model.path("model").path("vocab").fieldNames(), 0),
                  false)
              .filter(t -> t.length() > 1 && t.contains(" "))
              .findFirst()
              .orElseThrow();
      assertThat(tokenizer.encode(spanning)).hasSize(1);
    }
  }

  @Test
  void unseenCharactersEncodeToUnkAndDecodeToNothing(@TempDir Path dir) {
    BpeTrainer.train(TEXTS, 10, dir);
    try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
      int[] ids = tokenizer.encode("CC#O");
      assertThat(ids).contains(CharTokenizer.UNK);
      assertThat(tokenizer.decode(ids)).isEqualTo("CCO");
    }
  }

  @Test
  void withoutMergesItIsTheCharacterVocabulary(@TempDir Path dir) {
    BpeTrainer.train(TEXTS, 0, dir);
    CharTokenizer characters = CharTokenizer.fit(TEXTS);
    try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
      assertThat(tokenizer.vocabSize()).isEqualTo(characters.vocabSize());
      for (String text : TEXTS) {
        assertThat(tokenizer.encode(text)).containsExactly(characters.encode(text));
      }
    }
  }

  @Test
  void trainingTwiceWritesTheSameFile(@TempDir Path dir) throws IOException {
    BpeTrainer.train(TEXTS, 25, dir.resolve("a"));
    BpeTrainer.train(TEXTS, 25, dir.resolve("b"));
    assertThat(Files.readString(dir.resolve("b/tokenizer.json")))
        .isEqualTo(Files.readString(dir.resolve("a/tokenizer.json")));
  }
}
