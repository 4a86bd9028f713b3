package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPT-2's byte-level BPE through DJL against the ids and text the tokenizers library produced. */
class TokenizerParityTest {
  @Test
  void gpt2TokenizerGivesTheTokenizersLibrarysIdsAndText(@TempDir Path copy) throws IOException {
    Path dir = Fixtures.dir("gpt2-tokenizer");
    JsonNode cases = new ObjectMapper().readTree(dir.resolve("reference_encodings.json").toFile());
    assertThat(cases.size()).isPositive();
    try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
      assertThat(tokenizer.vocabSize()).isEqualTo(50257);
      assertThat(tokenizer.eosId()).isEqualTo(50256);
      for (JsonNode c : cases) {
        int[] expected =
            StreamSupport.stream(c.get("ids").spliterator(), false)
                .mapToInt(JsonNode::asInt)
                .toArray();
        assertThat(tokenizer.encode(c.get("text").asText()))
            .as(c.get("text").asText())
            .containsExactly(expected);
        assertThat(tokenizer.decode(expected)).isEqualTo(c.get("decoded").asText());
      }
      tokenizer.save(copy);
      TextTokenizer reloaded = TextTokenizer.load(copy);
      String text = cases.get(0).get("text").asText();
      assertThat(reloaded.encode(text)).containsExactly(tokenizer.encode(text));
    }
  }
}
