package io.seqtune.core.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.NonRetryableException;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.ModelSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.model.BpeTrainer;
import io.seqtune.model.CausalLM;
import io.seqtune.model.CharTokenizer;
import io.seqtune.model.ComputeDtype;
import io.seqtune.model.DeviceChoice;
import io.seqtune.model.ModelConfig;
import io.seqtune.model.TextTokenizer;
import io.seqtune.text.Prompted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A model directory as seqtune uses it: Hugging Face weights and config, the tokenizer, and {@link
 * RunInfo}. It is what a checkpoint's {@code model/} holds and what the registry versions.
 */
public final class ModelBundle implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CausalLM model;
  private final TextTokenizer tokenizer;
  private final RunInfo info;
  private final ExampleFormatter formatter;

  private ModelBundle(CausalLM model, TextTokenizer tokenizer, RunInfo info) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.info = info;
    this.formatter = new ExampleFormatter(info.task(), info.format());
  }

  /**
   * The model a run starts from: a fresh small GPT-2 with a tokenizer fitted on the formatted
   * {@code train} examples only (validation and test text stay unseen, as at inference; their
   * characters missing from training encode to {@code <unk>}), or a Hugging Face base. {@code
   * train} is read once, one example at a time.
   */
  public static ModelBundle start(PipelineSpec spec, Iterable<Example> train) {
    ModelSpec m = spec.model();
    if (m.fromScratch()) {
      return fromScratch(spec, formatted(spec, train));
    }
    Path base = Path.of(m.base());
    if (!Files.isRegularFile(base.resolve("config.json"))) {
      throw NonRetryableException.modelNotFound(
          "base model "
              + base.toAbsolutePath()
              + " not found: expected a Hugging Face directory with config.json, model.safetensors and tokenizer.json");
    }
    ModelConfig config = ModelConfig.read(base.resolve("config.json"));
    if (m.dropout() != null) {
      config = config.withDropout(m.dropout());
    }
    return new ModelBundle(
        CausalLM.load(base, config, device(spec), spec.train().computeDtype()),
        TextTokenizer.load(base),
        info(spec));
  }

  /**
   * The model a pretraining stage starts from: a fresh small GPT-2 whose tokenizer is fitted once,
   * on the pretraining {@code texts} and the formatted {@code train} examples (never validation or
   * test text), so that fine-tuning goes on with the same vocabulary. Both are read once, one item
   * at a time.
   */
  public static ModelBundle startPretraining(
      PipelineSpec spec, Iterable<String> texts, Iterable<Example> train) {
    Iterable<String> formatted = formatted(spec, train);
    return fromScratch(
        spec,
        () ->
            Stream.concat(
                    StreamSupport.stream(texts.spliterator(), false),
                    StreamSupport.stream(formatted.spliterator(), false))
                .iterator());
  }

  private static Iterable<String> formatted(PipelineSpec spec, Iterable<Example> train) {
    ExampleFormatter formatter = ExampleFormatter.of(spec);
    return () ->
        StreamSupport.stream(train.spliterator(), false)
            .map(e -> formatter.training(e).text())
            .iterator();
  }

  /** A fresh GPT-2 of the spec's shape with a tokenizer fitted on {@code texts}. */
  private static ModelBundle fromScratch(PipelineSpec spec, Iterable<String> texts) {
    ModelSpec m = spec.model();
    TextTokenizer tokenizer = m.bpe() ? bpe(texts, m.bpeMerges()) : CharTokenizer.fit(texts);
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(tokenizer.vocabSize())
            .layers(m.layers())
            .hidden(m.hidden())
            .heads(m.heads())
            .maxPositions(m.maxLength())
            .tokens(tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId())
            .dropout(m.dropout())
            .build();
    return new ModelBundle(
        CausalLM.random(config, spec.train().seed(), device(spec), spec.train().computeDtype()),
        tokenizer,
        info(spec));
  }

  private static RunInfo info(PipelineSpec spec) {
    ModelSpec m = spec.model();
    return new RunInfo(spec.task(), spec.data().formatOrTemplate(), m.maxLength(), m.base());
  }

  /**
   * A BPE learned from {@code texts}, loaded through the tokenizers library from a scratch
   * directory that lives as long as the JVM (the tokenizer copies its files from there on save).
   */
  private static TextTokenizer bpe(Iterable<String> texts, int merges) {
    try {
      Path dir = Files.createTempDirectory("seqtune-bpe");
      dir.toFile().deleteOnExit(); // registered first, deleted last
      BpeTrainer.train(texts, merges, dir);
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().deleteOnExit());
      }
      return TextTokenizer.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the BPE tokenizer", e);
    }
  }

  public static DeviceChoice device(PipelineSpec spec) {
    return DeviceChoice.valueOf(spec.model().device().toUpperCase());
  }

  /** A saved model for inference: computed in float32 whatever it was trained in. */
  public static ModelBundle load(Path dir, DeviceChoice device) {
    return load(dir, device, ComputeDtype.FLOAT32);
  }

  /** A saved model that computes in {@code compute}, e.g. a checkpoint training carries on from. */
  public static ModelBundle load(Path dir, DeviceChoice device, ComputeDtype compute) {
    try {
      RunInfo info = JSON.readValue(dir.resolve(RunInfo.FILE_NAME).toFile(), RunInfo.class);
      return new ModelBundle(CausalLM.load(dir, device, compute), TextTokenizer.load(dir), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RunInfo.FILE_NAME + " in " + dir, e);
    }
  }

  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      model.save(dir);
      tokenizer.save(dir);
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(RunInfo.FILE_NAME).toFile(), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save model to " + dir, e);
    }
  }

  /** Prompt ids and response ids (with end-of-sequence) of one training example. */
  public int[][] encode(Example example) {
    Prompted p = formatter.training(example);
    int[] response = tokenizer.encode(p.response());
    int[] withEos = Arrays.copyOf(response, response.length + 1);
    withEos[response.length] = tokenizer.eosId();
    return new int[][] {tokenizer.encode(p.prompt()), withEos};
  }

  /**
   * One pretraining text as the model learns it: begin-of-sequence, the text, end-of-sequence; the
   * loss covers every token after the first.
   */
  public int[] encodeText(String text) {
    int[] ids = tokenizer.encode(text);
    int[] sequence = new int[ids.length + 2];
    sequence[0] = tokenizer.bosId();
    System.arraycopy(ids, 0, sequence, 1, ids.length);
    sequence[ids.length + 1] = tokenizer.eosId();
    return sequence;
  }

  public int[] encodePrompt(String input) {
    return tokenizer.encode(formatter.prompt(input));
  }

  public String decodeAnswer(int[] generated) {
    return formatter.answer(tokenizer.decode(generated));
  }

  public CausalLM model() {
    return model;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public RunInfo info() {
    return info;
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
