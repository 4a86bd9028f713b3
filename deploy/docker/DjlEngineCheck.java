import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Loads DJL's PyTorch engine once and says what it found.
 *
 * <p>Built into the CUDA trainer image for two uses. While the image builds ({@code
 * --download-only}) it makes DJL fetch the libtorch named by PYTORCH_FLAVOR into DJL_CACHE_DIR,
 * because workers run with {@code -Dai.djl.offline=true}; a load failure is only reported then,
 * as a build host has no GPU driver. On a GPU host it is a smoke test that runs one operation on
 * the GPU ({@code --require-gpu} fails when none is visible):
 *
 * <pre>docker run --rm --gpus all --entrypoint java seqtune/trainer-cuda:0.1.0 \
 *     -Dai.djl.offline=true -cp '/app/lib/*:/opt/engine-check' DjlEngineCheck --require-gpu</pre>
 */
public final class DjlEngineCheck {

  private DjlEngineCheck() {}

  public static void main(String[] args) {
    List<String> flags = List.of(args);
    boolean downloadOnly = flags.contains("--download-only");
    Engine engine;
    try {
      engine = Engine.getEngine("PyTorch");
    } catch (RuntimeException | LinkageError e) {
      if (!downloadOnly) {
        throw e;
      }
      System.out.println("PyTorch engine not loadable here (expected without a GPU driver): " + e);
      return;
    }
    int gpus = engine.getGpuCount();
    System.out.printf("DJL %s, %s %s, GPUs visible: %d%n",
        Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), gpus);
    if (gpus == 0) {
      if (flags.contains("--require-gpu")) {
        System.err.println("No GPU visible: check the NVIDIA runtime (--gpus, nvidia.com/gpu).");
        System.exit(1);
      }
      return;
    }
    try (NDManager manager = NDManager.newBaseManager(Device.gpu())) {
      float sum = manager.ones(new Shape(64, 64)).matMul(manager.ones(new Shape(64, 64))).sum().getFloat();
      if (sum != 64f * 64 * 64) {
        System.err.printf("GPU matmul gave %.0f, expected %d%n", sum, 64 * 64 * 64);
        System.exit(1);
      }
      System.out.printf("GPU matmul ok on %s%n", Device.gpu());
    }
  }
}
