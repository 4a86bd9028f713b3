package io.seqtune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One token per Unicode code point. Ids 0-3 are &lt;pad&gt;, &lt;bos&gt;, &lt;eos&gt;, &lt;unk&gt;;
 * the characters seen by {@link #fit} follow in code-point order. A character {@link #fit} did not
 * see encodes to &lt;unk&gt; (id 3, one per code point, so lengths are kept) and decodes, like
 * every special token, to nothing. Saved as a Hugging Face tokenizer.json (WordLevel model, a Split
 * pre-tokenizer isolating every character, Fuse decoder) that the tokenizers library loads and that
 * gives the same ids.
 */
public final class CharTokenizer implements TextTokenizer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> SPECIALS = List.of("<pad>", "<bos>", "<eos>", "<unk>");
  private static final String EVERY_CHARACTER = "[\\s\\S]";
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;

  private final List<String> tokens; // id -> token
  private final Map<String, Integer> ids = new HashMap<>();

  private CharTokenizer(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  /** The vocabulary of every character in {@code texts}. */
  public static CharTokenizer fit(Iterable<String> texts) {
    TreeSet<Integer> codePoints = new TreeSet<>();
    texts.forEach(t -> t.codePoints().forEach(codePoints::add));
    List<String> tokens = new ArrayList<>(SPECIALS);
    codePoints.forEach(cp -> tokens.add(Character.toString(cp)));
    return new CharTokenizer(tokens);
  }

  @Override
  public int[] encode(String text) {
    return text.codePoints().map(cp -> ids.getOrDefault(Character.toString(cp), UNK)).toArray();
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder();
    for (int id : ids) {
      if (id >= SPECIALS.size() && id < tokens.size()) {
        out.append(tokens.get(id));
      }
    }
    return out.toString();
  }

  @Override
  public int vocabSize() {
    return tokens.size();
  }

  @Override
  public int eosId() {
    return EOS;
  }

  @Override
  public int padId() {
    return PAD;
  }

  @Override
  public int bosId() {
    return BOS;
  }

  @Override
  public void save(Path dir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0").putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIALS.size(); i++) {
      added
          .addObject()
          .put("id", i)
          .put("content", SPECIALS.get(i))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    root.putNull("normalizer");
    ObjectNode split = root.putObject("pre_tokenizer").put("type", "Split");
    split.putObject("pattern").put("Regex", EVERY_CHARACTER);
    split.put("behavior", "Isolated").put("invert", false);
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "Fuse");
    ObjectNode model = root.putObject("model").put("type", "WordLevel");
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    model.put("unk_token", "<unk>");
    ObjectNode config =
        JSON.createObjectNode()
            .put("tokenizer_class", "PreTrainedTokenizerFast")
            .put("bos_token", "<bos>")
            .put("eos_token", "<eos>")
            .put("pad_token", "<pad>")
            .put("unk_token", "<unk>");
    try {
      Files.createDirectories(dir);
      JSON.writeValue(dir.resolve("tokenizer.json").toFile(), root);
      JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isCharTokenizer(Path tokenizerJson) {
    JsonNode root = readJson(tokenizerJson);
    return root.path("model").path("type").asText().equals("WordLevel")
        && root.path("pre_tokenizer")
            .path("pattern")
            .path("Regex")
            .asText()
            .equals(EVERY_CHARACTER);
  }

  static CharTokenizer read(Path tokenizerJson) {
    JsonNode vocab = readJson(tokenizerJson).path("model").path("vocab");
    String[] tokens = new String[vocab.size()];
    vocab.fields().forEachRemaining(e -> tokens[e.getValue().asInt()] = e.getKey());
    return new CharTokenizer(List.of(tokens));
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
