package io.seqtune.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learns a character-level byte-pair encoding from training texts and writes it as a Hugging Face
 * tokenizer.json (BPE model, no pre-tokenizer: a text is one sequence and merges may span spaces;
 * Fuse decoder) that the tokenizers library, transformers' PreTrainedTokenizerFast and {@link
 * HfTokenizer} load. Ids 0-3 are &lt;pad&gt;, &lt;bos&gt;, &lt;eos&gt;, &lt;unk&gt;, then the
 * training texts' characters in code-point order, then one token per merge in the order learned. A
 * character absent from the training texts encodes to &lt;unk&gt; and decodes to nothing.
 *
 * <p>Each step merges the most frequent adjacent pair over all texts (ties: the pair of smaller
 * ids), left to right without overlap, as the tokenizers library applies the merges by rank; it
 * stops early when no pair occurs twice.
 */
public final class BpeTrainer {
  private final List<String> tokens = new ArrayList<>(SpecialTokens.NAMES); // id -> token
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<int[]> merges = new ArrayList<>(); // in rank order: {left, right}
  private final List<int[]> sequences = new ArrayList<>(); // distinct texts as token ids
  private final List<Integer> weights = new ArrayList<>(); // how often each distinct text occurs
  private final Map<Long, Long> pairCounts = new HashMap<>();
  private final Map<Long, Set<Integer>> pairSequences = new HashMap<>();

  private BpeTrainer(Iterable<String> texts) {
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
    Map<String, Integer> distinct = new LinkedHashMap<>();
    TreeSet<Integer> codePoints = new TreeSet<>();
    for (String text : texts) {
      distinct.merge(text, 1, Integer::sum);
      text.codePoints().forEach(codePoints::add);
    }
    codePoints.forEach(cp -> add(Character.toString(cp)));
    distinct.forEach(
        (text, count) -> {
          sequences.add(text.codePoints().map(cp -> ids.get(Character.toString(cp))).toArray());
          weights.add(count);
        });
    for (int s = 0; s < sequences.size(); s++) {
      count(s, +1);
    }
  }

  /**
   * Learns up to {@code merges} merges from {@code texts} and writes tokenizer.json and
   * tokenizer_config.json into {@code dir}.
   */
  public static void train(Iterable<String> texts, int merges, Path dir) {
    if (merges < 0) {
      throw new IllegalArgumentException("BPE merges must be >= 0, got " + merges);
    }
    BpeTrainer trainer = new BpeTrainer(texts);
    while (trainer.merges.size() < merges && trainer.mergeMostFrequentPair()) {}
    trainer.save(dir);
  }

  private int add(String token) {
    return ids.computeIfAbsent(
        token,
        t -> {
          tokens.add(t);
          return tokens.size() - 1;
        });
  }

  private boolean mergeMostFrequentPair() {
    long best = -1;
    long bestCount = 1; // a pair seen once saves nothing
    for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
      long count = e.getValue();
      if (count > bestCount || (count == bestCount && best >= 0 && e.getKey() < best)) {
        best = e.getKey();
        bestCount = count;
      }
    }
    if (best < 0) {
      return false;
    }
    int left = (int) (best >>> 32);
    int right = (int) best;
    int merged = add(tokens.get(left) + tokens.get(right));
    merges.add(new int[] {left, right});
    for (int s : List.copyOf(pairSequences.getOrDefault(best, Set.of()))) {
      count(s, -1);
      sequences.set(s, merge(sequences.get(s), left, right, merged));
      count(s, +1);
    }
    return true;
  }

  private static int[] merge(int[] sequence, int left, int right, int merged) {
    int[] out = new int[sequence.length];
    int n = 0;
    for (int i = 0; i < sequence.length; i++) {
      if (i + 1 < sequence.length && sequence[i] == left && sequence[i + 1] == right) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = sequence[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Adds ({@code sign} +1) or removes (-1) sequence {@code s}'s pairs from the counts. */
  private void count(int s, int sign) {
    int[] sequence = sequences.get(s);
    long weight = weights.get(s);
    for (int i = 0; i + 1 < sequence.length; i++) {
      long pair = ((long) sequence[i] << 32) | sequence[i + 1];
      long count = pairCounts.merge(pair, sign * weight, Long::sum);
      if (count <= 0) {
        pairCounts.remove(pair);
      }
      if (sign > 0) {
        pairSequences.computeIfAbsent(pair, p -> new HashSet<>()).add(s);
      } else {
        Set<Integer> holders = pairSequences.get(pair);
        if (holders != null) {
          holders.remove(s);
          if (holders.isEmpty()) {
            pairSequences.remove(pair);
          }
        }
      }
    }
  }

  private void save(Path dir) {
    ObjectNode root = SpecialTokens.tokenizerJson();
    root.putNull("normalizer");
    root.putNull("pre_tokenizer");
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "Fuse");
    ObjectNode model = root.putObject("model").put("type", "BPE");
    model.putNull("dropout");
    model.put("unk_token", SpecialTokens.NAMES.get(SpecialTokens.UNK));
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    ArrayNode mergeList = model.putArray("merges");
    for (int[] m : merges) {
      mergeList.addArray().add(tokens.get(m[0])).add(tokens.get(m[1]));
    }
    SpecialTokens.write(dir, root);
  }
}
