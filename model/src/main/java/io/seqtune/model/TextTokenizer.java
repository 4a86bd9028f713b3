package io.seqtune.model;

import java.nio.file.Path;

/** Text to token ids and back. encode adds no special tokens; decode skips them. */
public interface TextTokenizer extends AutoCloseable {
  int[] encode(String text);

  String decode(int[] ids);

  int vocabSize();

  /** -1 when the tokenizer has no such token. */
  int eosId();

  int padId();

  int bosId();

  /**
   * Writes tokenizer.json (Hugging Face format) and tokenizer_config.json naming the special
   * tokens.
   */
  void save(Path dir);

  /**
   * Frees native resources (the Hugging Face tokenizer holds some); a no-op for pure Java
   * tokenizers.
   */
  @Override
  default void close() {}

  /**
   * Our character tokenizer if that is what the directory holds, else Hugging Face tokenizers
   * (offline).
   */
  static TextTokenizer load(Path dir) {
    Path json = dir.resolve("tokenizer.json");
    return CharTokenizer.isCharTokenizer(json) ? CharTokenizer.read(json) : HfTokenizer.load(dir);
  }
}
