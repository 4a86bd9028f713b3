package io.seqtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.nn.Parameter;
import io.seqtune.model.nn.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.optim.AdamW with {@code fused=True}: decoupled weight decay, bias-corrected moments, eps
 * added after the bias correction of sqrt(v), each parameter updated in one pass of aten's fused
 * kernel. Biases and norm weights (1-D) are not decayed. Call the update methods with autograd
 * recording off and inside an NDScope.
 */
public final class AdamW implements AutoCloseable {
  private final List<Parameter> params;
  private final TrainConfig config;
  private final NDManager stateManager;
  private final NDArray[] expAvg;
  private final NDArray[] expAvgSq;
  private long step;

  public AdamW(List<Parameter> params, TrainConfig config, NDManager parent) {
    this.params = List.copyOf(params);
    this.config = config;
    this.stateManager = parent.newSubManager();
    this.expAvg = new NDArray[params.size()];
    this.expAvgSq = new NDArray[params.size()];
    for (int i = 0; i < params.size(); i++) {
      expAvg[i] = persistent(stateManager.zeros(params.get(i).value().getShape()));
      expAvgSq[i] = persistent(stateManager.zeros(params.get(i).value().getShape()));
    }
  }

  /** State must outlive any per-step scope the constructor happens to run in. */
  private static NDArray persistent(NDArray a) {
    NDScope.unregister(a);
    return a;
  }

  /**
   * Global L2 norm of all gradients (as torch.nn.utils.clip_grad_norm_ computes it), then scales
   * them to {@code maxNorm} if above.
   */
  public double clipGradients(double maxNorm) {
    NDList norms = new NDList();
    for (Parameter p : params) {
      norms.add(p.value().getGradient().norm());
    }
    double total = NDArrays.stack(norms).norm().getFloat();
    double coefficient = maxNorm / (total + 1e-6);
    if (maxNorm > 0 && coefficient < 1) {
      for (Parameter p : params) {
        p.value().getGradient().muli(coefficient);
      }
    }
    return total;
  }

  public void step(double lr) {
    step++;
    try (NDScope scope = new NDScope()) {
      NDArray stepNumber = stateManager.create((float) step);
      NDArray decayed = hyperparameters(lr, config.weightDecay());
      NDArray notDecayed = hyperparameters(lr, 0);
      for (int i = 0; i < params.size(); i++) {
        NDArray p = params.get(i).value();
        Tensors.adamW(
            p,
            p.getGradient(),
            expAvg[i],
            expAvgSq[i],
            stepNumber,
            p.getShape().dimension() > 1 ? decayed : notDecayed);
      }
    }
  }

  private NDArray hyperparameters(double lr, double weightDecay) {
    return stateManager.create(
        new double[] {lr, config.beta1(), config.beta2(), weightDecay, config.eps()});
  }

  public void zeroGradients() {
    for (Parameter p : params) {
      JniUtils.zeroGrad((PtNDArray) p.value());
    }
  }

  public long stepCount() {
    return step;
  }

  /** exp_avg.NAME and exp_avg_sq.NAME for every parameter, in parameter order. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      state.put("exp_avg." + params.get(i).name(), expAvg[i]);
      state.put("exp_avg_sq." + params.get(i).name(), expAvgSq[i]);
    }
    return state;
  }

  /** Restores the moments (copied into the existing arrays) and the step count. */
  public void load(Map<String, NDArray> state, long stepCount) {
    for (int i = 0; i < params.size(); i++) {
      copyInto(expAvg[i], state.get("exp_avg." + params.get(i).name()), params.get(i).name());
      copyInto(expAvgSq[i], state.get("exp_avg_sq." + params.get(i).name()), params.get(i).name());
    }
    this.step = stepCount;
  }

  private static void copyInto(NDArray target, NDArray source, String name) {
    if (source == null || !source.getShape().equals(target.getShape())) {
      throw new IllegalArgumentException(
          "optimizer state for " + name + " missing or of the wrong shape");
    }
    target.set(source.toByteBuffer());
  }

  @Override
  public void close() {
    stateManager.close();
  }
}
