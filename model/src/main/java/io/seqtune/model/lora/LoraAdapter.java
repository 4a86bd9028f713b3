package io.seqtune.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.model.CausalLM;
import io.seqtune.model.io.SafetensorsReader;
import io.seqtune.model.io.SafetensorsWriter;
import io.seqtune.model.nn.Linear;
import io.seqtune.model.nn.LoraDelta;
import io.seqtune.model.nn.NoGrad;
import io.seqtune.model.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A LoRA adapter on a {@link CausalLM}, in PEFT's format: while attached, only its A and B matrices
 * train ({@link CausalLM#trainableParameters()} finds them on the model's linear layers). Saved as
 * adapter_config.json + adapter_model.safetensors with PEFT's tensor names
 * (base_model.model.MODULE.lora_A.weight [r, in], ...lora_B.weight [out, r]).
 */
public final class LoraAdapter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PREFIX = "base_model.model.";

  private final CausalLM model;
  private final LoraConfig config;
  private final NDManager manager;
  private final Map<String, LoraDelta> deltas = new LinkedHashMap<>(); // by module name

  private LoraAdapter(CausalLM model, LoraConfig config) {
    this.model = model;
    this.config = config;
    this.manager = model.manager().newSubManager();
  }

  /**
   * A new adapter as PEFT initialises it: A kaiming-uniform (bound 1/sqrt(in)), B zero, so the
   * model is unchanged.
   */
  public static LoraAdapter attach(CausalLM model, LoraConfig config, long seed) {
    LoraAdapter adapter = new LoraAdapter(model, config);
    Random random = new Random(seed);
    adapter.create(
        (name, linear) -> {
          float[] a = new float[config.r() * linear.inFeatures()];
          double bound = 1 / Math.sqrt(linear.inFeatures());
          for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
          }
          return new NDArray[] {
            adapter.manager.create(a, new Shape(config.r(), linear.inFeatures())),
            adapter.manager.zeros(new Shape(linear.outFeatures(), config.r()))
          };
        });
    return adapter;
  }

  /** Loads a PEFT LoRA adapter directory onto {@code model}. */
  public static LoraAdapter load(CausalLM model, Path dir) {
    LoraConfig config = readConfig(dir.resolve("adapter_config.json"));
    LoraAdapter adapter = new LoraAdapter(model, config);
    try (SafetensorsReader reader =
        SafetensorsReader.open(dir.resolve("adapter_model.safetensors"))) {
      adapter.create(
          (name, linear) ->
              new NDArray[] {
                reader.read(PREFIX + name + ".lora_A.weight", adapter.manager, DataType.FLOAT32),
                reader.read(PREFIX + name + ".lora_B.weight", adapter.manager, DataType.FLOAT32)
              });
    }
    return adapter;
  }

  private interface Factors {
    NDArray[] create(String moduleName, Linear linear);
  }

  private void create(Factors factors) {
    for (Map.Entry<String, Linear> e : model.parameterStore().linears().entrySet()) {
      if (!config.targets(e.getKey())) {
        continue;
      }
      NDArray[] ab = factors.create(e.getKey(), e.getValue());
      NDScope.unregister(ab);
      String name = PREFIX + e.getKey();
      LoraDelta delta =
          new LoraDelta(
              new Parameter(name + ".lora_A.weight", ab[0], false),
              new Parameter(name + ".lora_B.weight", ab[1], false),
              config.scale(),
              config.dropout());
      e.getValue().setLora(delta);
      deltas.put(e.getKey(), delta);
    }
    if (deltas.isEmpty()) {
      throw new IllegalArgumentException(
          "no module matches LoRA targets " + config.targetModules());
    }
  }

  /** The trainable tensors, named as PEFT saves them. */
  public List<Parameter> parameters() {
    return deltas.values().stream().flatMap(d -> d.parameters().stream()).toList();
  }

  public LoraConfig config() {
    return config;
  }

  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      parameters().forEach(p -> tensors.put(p.name(), p.value()));
      SafetensorsWriter.write(
          dir.resolve("adapter_model.safetensors"), tensors, Map.of("format", "pt"));
      JSON.writeValue(dir.resolve("adapter_config.json").toFile(), peftConfig());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds scale * B A into each base weight and detaches the adapter: the model then runs without
   * it.
   */
  public void merge() {
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      for (Map.Entry<String, LoraDelta> e : deltas.entrySet()) {
        Linear linear = model.parameterStore().linears().get(e.getKey());
        linear.weight().addi(e.getValue().weightDelta());
      }
    }
    detach();
  }

  /** Removes the adapter from the model (weights unchanged) and frees it. */
  public void detach() {
    model
        .parameterStore()
        .linears()
        .forEach(
            (name, linear) -> {
              if (deltas.containsKey(name)) {
                linear.setLora(null);
              }
            });
    manager.close();
  }

  private ObjectNode peftConfig() {
    ObjectNode c = JSON.createObjectNode();
    c.put("peft_type", "LORA")
        .put("task_type", "CAUSAL_LM")
        .put("r", config.r())
        .put("lora_alpha", config.alpha())
        .put("lora_dropout", config.dropout())
        .put("bias", "none")
        .put("fan_in_fan_out", model.config().modelType().equals("gpt2"))
        .put("inference_mode", true)
        .put("init_lora_weights", true)
        .put("use_rslora", false)
        .put("use_dora", false)
        .putNull("modules_to_save")
        .put("base_model_name_or_path", model.config().raw().path("_name_or_path").asText(""));
    c.putArray("target_modules").addAll(config.targetModules().stream().map(c::textNode).toList());
    return c;
  }

  private static LoraConfig readConfig(Path file) {
    try {
      JsonNode c = JSON.readTree(file.toFile());
      if (!c.path("peft_type").asText("LORA").equals("LORA")
          || c.path("use_dora").asBoolean(false)
          || c.path("use_rslora").asBoolean(false)) {
        throw new IllegalArgumentException("only plain LoRA adapters are supported: " + file);
      }
      List<String> targets = new ArrayList<>();
      c.path("target_modules").forEach(t -> targets.add(t.asText()));
      return new LoraConfig(
          c.get("r").asInt(),
          c.get("lora_alpha").asDouble(),
          c.path("lora_dropout").asDouble(0),
          targets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
