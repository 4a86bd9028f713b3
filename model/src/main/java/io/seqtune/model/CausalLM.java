package io.seqtune.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.seqtune.model.arch.Architecture;
import io.seqtune.model.io.CheckpointWeights;
import io.seqtune.model.io.SafetensorsReader;
import io.seqtune.model.io.SafetensorsWriter;
import io.seqtune.model.nn.Bfloat16Matrices;
import io.seqtune.model.nn.Decoder;
import io.seqtune.model.nn.KvCache;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.LoraDelta;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.PackedWeights;
import io.seqtune.model.nn.Parameter;
import io.seqtune.model.nn.Parameters;
import io.seqtune.model.nn.RandomWeights;
import io.seqtune.model.nn.WeightSource;
import io.seqtune.model.train.CausalLmLoss;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A causal language model with Hugging Face's weights, names and numerics. Weights are float32 and
 * owned by this object's NDManager; {@link #close()} frees them.
 */
public final class CausalLM implements AutoCloseable {
  private static final NDIndex LAST_POSITION = new NDIndex(":, -1"); // [B, T, E] -> [B, E]

  private final ModelConfig config;
  private final NDManager manager;
  private final Parameters parameters;
  private final Decoder decoder;
  private final ComputeDtype compute;

  private CausalLM(
      ModelConfig config, NDManager manager, WeightSource weights, ComputeDtype compute) {
    this.config = config;
    this.manager = manager;
    this.compute = compute;
    this.parameters = new Parameters(weights);
    this.decoder = Architecture.of(config).build(config, parameters);
  }

  /**
   * Loads config.json and model.safetensors (or its sharded index) from a Hugging Face model
   * directory.
   */
  public static CausalLM load(Path hfDir, DeviceChoice device) {
    return load(hfDir, device, ComputeDtype.FLOAT32);
  }

  public static CausalLM load(Path hfDir, DeviceChoice device, ComputeDtype compute) {
    return load(hfDir, ModelConfig.read(hfDir.resolve("config.json")), device, compute);
  }

  /**
   * The weights of a Hugging Face directory under an adjusted {@code config} (for example other
   * dropout).
   */
  public static CausalLM load(
      Path hfDir, ModelConfig config, DeviceChoice device, ComputeDtype compute) {
    return load(hfDir, config, device, compute, WeightStorage.FLOAT32);
  }

  /**
   * As {@link #load(Path, ModelConfig, DeviceChoice, ComputeDtype)}, weights kept as {@code
   * storage}.
   */
  public static CausalLM load(
      Path hfDir,
      ModelConfig config,
      DeviceChoice device,
      ComputeDtype compute,
      WeightStorage storage) {
    NDManager manager = NDManager.newBaseManager(device.device(), "PyTorch");
    try (SafetensorsReader reader = SafetensorsReader.openModelDir(hfDir)) {
      return new CausalLM(
          config, manager, stored(new CheckpointWeights(reader, manager), storage), compute);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * A freshly initialised model (normal(0, initializer_range) weights, zero biases, unit norms).
   */
  public static CausalLM random(ModelConfig config, long seed, DeviceChoice device) {
    return random(config, seed, device, ComputeDtype.FLOAT32);
  }

  public static CausalLM random(
      ModelConfig config, long seed, DeviceChoice device, ComputeDtype compute) {
    return random(config, seed, device, compute, WeightStorage.FLOAT32);
  }

  /**
   * As {@link #random(ModelConfig, long, DeviceChoice, ComputeDtype)}, weights kept as {@code
   * storage}.
   */
  public static CausalLM random(
      ModelConfig config,
      long seed,
      DeviceChoice device,
      ComputeDtype compute,
      WeightStorage storage) {
    NDManager manager = NDManager.newBaseManager(device.device(), "PyTorch");
    return new CausalLM(
        config,
        manager,
        stored(new RandomWeights(manager, seed, config.initializerRange()), storage),
        compute);
  }

  private static WeightSource stored(WeightSource source, WeightStorage storage) {
    return storage == WeightStorage.BFLOAT16 ? new Bfloat16Matrices(source) : source;
  }

  /**
   * Evaluation-mode logits, no gradients recorded.
   *
   * @param inputIds [B, T] int64
   * @param attentionMask [B, T] int64, 1 for real tokens
   * @return [B, T, V] float32, owned by the manager of {@code inputIds}
   */
  public NDArray logits(NDArray inputIds, NDArray attentionMask) {
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      NDArray out = forward(inputIds, attentionMask, null, false);
      NDScope.unregister(out);
      out.attach(inputIds.getManager());
      return out;
    }
  }

  /**
   * The raw forward pass. Arrays it creates belong to the caller's managers and scope.
   *
   * @param attentionMask [B, Tcached + T]
   * @param cache KV cache to read and extend, or null
   * @param training enables dropout (the decoder's and any LoRA adapter's)
   * @return logits [B, T, V] float32
   */
  public NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cache, boolean training) {
    return decoder.head(hidden(inputIds, attentionMask, cache, training), training);
  }

  /**
   * A decoding step's logits: the head on each row's last position only (the prompt's other
   * positions need none). Arrays it creates belong to the caller's managers and scope.
   *
   * @param inputIds the new tokens [B, T] int64
   * @param attentionMask [B, Tcached + T]
   * @param cache KV cache to read and extend
   * @return logits [B, V] float32
   */
  public NDArray nextTokenLogits(NDArray inputIds, NDArray attentionMask, KvCache cache) {
    return decoder.head(hidden(inputIds, attentionMask, cache, false).get(LAST_POSITION), false);
  }

  /**
   * The causal-LM loss (HF's: shifted, -100 ignored, mean) of a batch; the head runs only on the
   * positions whose label counts. Arrays it creates belong to the caller's managers and scope.
   *
   * @param inputIds [B, T] int64
   * @param attentionMask [B, T] int64
   * @param labels [B, T] int64, -100 where no loss is taken
   * @param training enables dropout
   * @return scalar float32
   */
  public NDArray loss(NDArray inputIds, NDArray attentionMask, NDArray labels, boolean training) {
    return CausalLmLoss.meanOverTargets(
        hidden(inputIds, attentionMask, null, training),
        h -> decoder.head(h, training),
        labels.toDevice(manager.getDevice(), false));
  }

  /** The decoder's final hidden states [B, T, E] for ids and mask moved to this model's device. */
  private NDArray hidden(NDArray inputIds, NDArray attentionMask, KvCache cache, boolean training) {
    Device device = manager.getDevice();
    return decoder.hidden(
        inputIds.toDevice(device, false),
        attentionMask.toDevice(device, false),
        cache,
        compute.dataType(),
        training);
  }

  /**
   * Copies of the linear layers' weights laid out for fast inference, used by forward passes
   * without gradients until closed (see {@link PackedWeights}); the weights must not change
   * meanwhile.
   */
  public PackedWeights packWeights() {
    Set<Linear> linears = Collections.newSetFromMap(new IdentityHashMap<>());
    linears.addAll(parameters.linears().values());
    linears.add(decoder.lmHead());
    return PackedWeights.pack(linears, manager, compute.dataType());
  }

  /** An empty KV cache for this model, owned by {@code manager}. */
  public KvCache newCache(NDManager owner) {
    return new KvCache(owner, decoder.layers());
  }

  /** An empty KV cache with room for {@code capacity} tokens before it has to grow. */
  public KvCache newCache(NDManager owner, int capacity) {
    return new KvCache(owner, decoder.layers(), capacity);
  }

  /**
   * An export transformers loads unchanged: {@link #save(Path)} plus the tokenizer files. A LoRA
   * adapter is not part of the base weights: merge it first ({@code LoraAdapter.merge()}).
   */
  public void save(Path dir, TextTokenizer tokenizer) {
    save(dir);
    tokenizer.save(dir);
  }

  /** Writes config.json and model.safetensors with Hugging Face names and layouts (float32). */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var float32 = new com.fasterxml.jackson.databind.node.TextNode("float32");
    ModelConfig saved = config.with("dtype", float32);
    if (saved.raw().has("torch_dtype")) { // the key before transformers 4.56
      saved = saved.with("torch_dtype", float32);
    }
    saved.write(dir.resolve("config.json"));
    try (NDManager staging = manager.newSubManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      for (Parameter p : parameters.all()) {
        NDArray value = p.hfValue();
        if (value != p.value()) {
          value.attach(staging);
        }
        tensors.put(p.name(), value);
      }
      SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
    }
  }

  /** Number of distinct weights (a tied head counted once), as transformers' num_parameters(). */
  public long parameterCount() {
    return parameters.all().stream().mapToLong(p -> p.value().size()).sum();
  }

  public ModelConfig config() {
    return config;
  }

  public List<Parameter> parameters() {
    return parameters.all();
  }

  /**
   * What a Trainer updates: the low-rank (LoRA) factors when linear layers carry them, else every
   * weight.
   */
  public List<Parameter> trainableParameters() {
    List<Parameter> lora = loraParameters();
    return lora.isEmpty() ? parameters.all() : lora;
  }

  /** Whether any linear layer carries a low-rank (LoRA) update. */
  public boolean hasLora() {
    return !loraParameters().isEmpty();
  }

  private List<Parameter> loraParameters() {
    return parameters.linears().values().stream()
        .map(Linear::lora)
        .filter(Objects::nonNull)
        .map(LoraDelta::parameters)
        .flatMap(List::stream)
        .toList();
  }

  public Parameters parameterStore() {
    return parameters;
  }

  public NDManager manager() {
    return manager;
  }

  public ComputeDtype computeDtype() {
    return compute;
  }

  @Override
  public void close() {
    manager.close();
  }
}
