package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All parameters of a model in creation order, keyed by Hugging Face name. */
public final class Parameters {
  private final WeightSource source;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final Map<String, Linear> linears = new LinkedHashMap<>();

  public Parameters(WeightSource source) {
    this.source = source;
  }

  public NDArray add(String name, Shape shape, Init init) {
    return add(name, shape, init, false);
  }

  /** A weight HF stores transposed (GPT-2's Conv1D keeps [in, out]). */
  public NDArray addTransposed(String name, Shape shape, Init init) {
    return add(name, shape, init, true);
  }

  private NDArray add(String name, Shape shape, Init init, boolean transposedInHf) {
    if (byName.containsKey(name)) {
      throw new IllegalStateException("parameter defined twice: " + name);
    }
    NDArray value = source.create(name, shape, init, transposedInHf);
    if (!value.getShape().equals(shape)) {
      throw new IllegalArgumentException(
          name + " has shape " + value.getShape() + ", expected " + shape);
    }
    byName.put(name, new Parameter(name, value, transposedInHf));
    return value;
  }

  public List<Parameter> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  public Parameter get(String name) {
    Parameter p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return p;
  }

  /** Records a linear layer under its HF module name, so LoRA can find it. */
  void addLinear(String moduleName, Linear linear) {
    linears.put(moduleName, linear);
  }

  /** Linear layers by HF module name (for example model.decoder.layers.0.self_attn.q_proj). */
  public Map<String, Linear> linears() {
    return Collections.unmodifiableMap(linears);
  }
}
