package io.seqtune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVERY_CHARACTER = "[\\s\\S]";
  public static final int PAD = SpecialTokens.PAD;
  public static final int BOS = SpecialTokens.BOS;
  public static final int EOS = SpecialTokens.EOS;
  public static final int UNK = SpecialTokens.UNK;

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
    List<String> tokens = new ArrayList<>(SpecialTokens.NAMES);
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
      if (id >= SpecialTokens.NAMES.size() && id < tokens.size()) {
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
    ObjectNode root = SpecialTokens.tokenizerJson();
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
    model.put("unk_token", SpecialTokens.NAMES.get(UNK));
    SpecialTokens.write(dir, root);
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
