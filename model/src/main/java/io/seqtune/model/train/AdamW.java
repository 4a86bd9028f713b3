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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.optim.AdamW (single-tensor path): decoupled weight decay, bias-corrected moments, eps added
 * after the bias correction of sqrt(v). Biases and norm weights (1-D) are not decayed. Call the
 * update methods with autograd recording off and inside an NDScope.
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
    double bias1 = 1 - Math.pow(config.beta1(), step);
    double bias2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), step));
    for (int i = 0; i < params.size(); i++) {
      // Each parameter's temporaries (as large as the parameter) are freed before the next one's
      // are made: held until the end of the training step they would add several copies of the
      // model to peak memory.
      try (NDScope temporaries = new NDScope()) {
        NDArray p = params.get(i).value();
        NDArray g = p.getGradient();
        if (config.weightDecay() != 0 && p.getShape().dimension() > 1) {
          p.muli(1 - lr * config.weightDecay());
        }
        expAvg[i].muli(config.beta1()).addi(g.mul(1 - config.beta1()));
        expAvgSq[i].muli(config.beta2()).addi(g.square().muli(1 - config.beta2()));
        NDArray denom = expAvgSq[i].sqrt().divi(bias2Sqrt).addi(config.eps());
        p.subi(expAvg[i].div(denom).muli(lr / bias1));
      }
    }
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
