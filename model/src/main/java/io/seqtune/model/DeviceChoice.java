package io.seqtune.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where a model runs. GPU means DJL's first CUDA device (PyTorch engine with a CUDA libtorch). */
public enum DeviceChoice {
  CPU,
  GPU;

  public static DeviceChoice parse(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }

  public Device device() {
    if (this == CPU) {
      return Device.cpu();
    }
    if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
      throw new IllegalStateException(
          "GPU requested but DJL's PyTorch engine sees no CUDA device; "
              + "run with a CUDA libtorch (PYTORCH_FLAVOR=cu128, see docs) or choose cpu");
    }
    return Device.gpu();
  }
}
