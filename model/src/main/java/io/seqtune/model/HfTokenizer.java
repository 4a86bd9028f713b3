package io.seqtune.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * A Hugging Face tokenizer.json through DJL's bindings to the tokenizers library (offline). Special
 * tokens come from tokenizer_config.json when present, else from well-known names.
 */
public final class HfTokenizer implements TextTokenizer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> EOS_NAMES =
      List.of("<|endoftext|>", "</s>", "<eos>", "<|end_of_text|>");
  private static final List<String> BOS_NAMES =
      List.of("<|endoftext|>", "<s>", "<bos>", "<|begin_of_text|>");
  private static final List<String> PAD_NAMES = List.of("<pad>", "<|pad|>", "[PAD]");

  private final Path dir;
  private final HuggingFaceTokenizer tokenizer;
  private final int vocabSize;
  private final int eosId;
  private final int bosId;
  private final int padId;

  private HfTokenizer(
      Path dir, HuggingFaceTokenizer tokenizer, JsonNode tokenizerJson, JsonNode config) {
    this.dir = dir;
    this.tokenizer = tokenizer;
    JsonNode vocab = tokenizerJson.path("model").path("vocab");
    int size = vocab.size();
    for (JsonNode added : tokenizerJson.path("added_tokens")) {
      size = Math.max(size, added.get("id").asInt() + 1);
    }
    this.vocabSize = size;
    this.eosId = special(tokenizerJson, config, "eos_token", EOS_NAMES);
    this.bosId = special(tokenizerJson, config, "bos_token", BOS_NAMES);
    int pad = special(tokenizerJson, config, "pad_token", PAD_NAMES);
    this.padId = pad >= 0 ? pad : eosId;
  }

  public static HfTokenizer load(Path dir) {
    try {
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(dir.resolve("tokenizer.json"))
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
      Path configFile = dir.resolve("tokenizer_config.json");
      JsonNode config =
          Files.exists(configFile) ? JSON.readTree(configFile.toFile()) : JSON.createObjectNode();
      return new HfTokenizer(
          dir, tokenizer, JSON.readTree(dir.resolve("tokenizer.json").toFile()), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer from " + dir, e);
    }
  }

  @Override
  public int[] encode(String text) {
    return Arrays.stream(tokenizer.encode(text, false, false).getIds())
        .mapToInt(Math::toIntExact)
        .toArray();
  }

  @Override
  public String decode(int[] ids) {
    return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int bosId() {
    return bosId;
  }

  /** Copies tokenizer.json and, if present, tokenizer_config.json and special_tokens_map.json. */
  @Override
  public void save(Path target) {
    try {
      Files.createDirectories(target);
      for (String name :
          List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")) {
        Path source = dir.resolve(name);
        if (Files.exists(source)
            && !source.toAbsolutePath().equals(target.resolve(name).toAbsolutePath())) {
          Files.copy(source, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /**
   * The id of tokenizer_config.json's {@code key} token (a string or {"content": ...}), else of the
   * first known name.
   */
  private static int special(
      JsonNode tokenizerJson, JsonNode config, String key, List<String> knownNames) {
    JsonNode entry = config.path(key);
    String content = entry.isTextual() ? entry.asText() : entry.path("content").asText(null);
    if (content != null) {
      return idOf(tokenizerJson, content);
    }
    return knownNames.stream()
        .mapToInt(n -> idOf(tokenizerJson, n))
        .filter(id -> id >= 0)
        .findFirst()
        .orElse(-1);
  }

  private static int idOf(JsonNode tokenizerJson, String token) {
    for (JsonNode added : tokenizerJson.path("added_tokens")) {
      if (added.path("content").asText().equals(token)) {
        return added.get("id").asInt();
      }
    }
    JsonNode id = tokenizerJson.path("model").path("vocab").path(token);
    return id.isNumber() ? id.asInt() : -1;
  }
}
