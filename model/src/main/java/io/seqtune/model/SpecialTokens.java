package io.seqtune.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The special tokens of the tokenizers seqtune learns (ids 0-3: &lt;pad&gt;, &lt;bos&gt;,
 * &lt;eos&gt;, &lt;unk&gt;) and the Hugging Face files that carry them: tokenizer.json's header and
 * tokenizer_config.json naming them.
 */
final class SpecialTokens {
  static final List<String> NAMES = List.of("<pad>", "<bos>", "<eos>", "<unk>");
  static final int PAD = 0;
  static final int BOS = 1;
  static final int EOS = 2;
  static final int UNK = 3;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecialTokens() {}

  /** A tokenizer.json root with version, no truncation or padding, and the special tokens. */
  static ObjectNode tokenizerJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0").putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < NAMES.size(); i++) {
      added
          .addObject()
          .put("id", i)
          .put("content", NAMES.get(i))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    return root;
  }

  /** Writes {@code tokenizerJson} and a tokenizer_config.json naming the special tokens. */
  static void write(Path dir, ObjectNode tokenizerJson) {
    ObjectNode config =
        JSON.createObjectNode()
            .put("tokenizer_class", "PreTrainedTokenizerFast")
            .put("bos_token", NAMES.get(BOS))
            .put("eos_token", NAMES.get(EOS))
            .put("pad_token", NAMES.get(PAD))
            .put("unk_token", NAMES.get(UNK));
    try {
      Files.createDirectories(dir);
      JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizerJson);
      JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a tokenizer to " + dir, e);
    }
  }
}
