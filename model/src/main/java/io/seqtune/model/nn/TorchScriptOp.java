package io.seqtune.model.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A TorchScript module shipped as a resource (made by model/scripts/make_torchscript_ops.py), for
 * torch functions DJL does not expose. Autograd records through it like any other op.
 */
final class TorchScriptOp {
  static final TorchScriptOp TANH_GELU = new TorchScriptOp("tanh_gelu.pt");
  static final TorchScriptOp TO_BFLOAT16 = new TorchScriptOp("to_bfloat16.pt");
  static final TorchScriptOp TO_FLOAT32 = new TorchScriptOp("to_float32.pt");
  static final TorchScriptOp TOKEN_NLL = new TorchScriptOp("token_nll.pt");
  static final TorchScriptOp ONEDNN_LINEAR = new TorchScriptOp("onednn_linear.pt");
  static final TorchScriptOp ONEDNN_LINEAR_NO_BIAS = new TorchScriptOp("onednn_linear_nobias.pt");
  static final TorchScriptOp CACHED_ATTENTION = new TorchScriptOp("cached_attention.pt");
  static final TorchScriptOp REORDER_ROWS = new TorchScriptOp("reorder_rows.pt");
  static final TorchScriptOp PACK_LINEAR_WEIGHT = new TorchScriptOp("pack_linear_weight.pt");
  static final TorchScriptOp PACKED_LINEAR = new TorchScriptOp("packed_linear.pt");
  static final TorchScriptOp PACKED_LINEAR_NO_BIAS = new TorchScriptOp("packed_linear_nobias.pt");
  static final TorchScriptOp PACKED_LINEAR_GELU_TANH =
      new TorchScriptOp("packed_linear_gelu_tanh.pt");
  static final TorchScriptOp ADAMW_STEP = new TorchScriptOp("adamw_step.pt");

  /**
   * The profiling executor swaps in an optimised graph (with its own backward) after a few calls,
   * counted per process: a run resumed in a new JVM would then take other numerical paths than an
   * uninterrupted one. Always run the plain graph (it is as fast). Torch keeps this switch per
   * thread, and activities run on pooled threads, so every thread sets it before its first call.
   */
  private static final ThreadLocal<Boolean> PLAIN_GRAPH =
      ThreadLocal.withInitial(
          () -> {
            JniUtils.setGraphExecutorOptimize(false);
            return Boolean.TRUE;
          });

  private final String resource;
  private PtSymbolBlock module; // loaded on first use; held here so the GC never frees it

  private TorchScriptOp(String resource) {
    this.resource = resource;
  }

  NDArray apply(NDArray... inputs) {
    return applyAll(inputs).singletonOrThrow();
  }

  /** For a module that returns a list of tensors. */
  NDList applyAll(NDArray... inputs) {
    PLAIN_GRAPH.get();
    return IValueUtils.forward(module(), new NDList(inputs), true);
  }

  private synchronized PtSymbolBlock module() {
    if (module == null) {
      try (InputStream in = TorchScriptOp.class.getResourceAsStream(resource)) {
        // The module's manager lives as long as the JVM, like the module itself.
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
        module = JniUtils.loadModule(manager, in, false, false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load TorchScript resource " + resource, e);
      }
    }
    return module;
  }
}
