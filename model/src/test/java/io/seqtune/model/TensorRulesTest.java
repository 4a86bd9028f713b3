package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of tensor code that the compiler cannot check, checked on the compiled main classes: a
 * forbidden call anywhere outside the one class that may make it fails the build.
 */
class TensorRulesTest {
  private static final String NDARRAY = "ai/djl/(ndarray/NDArray|pytorch/engine/PtNDArray)";

  /**
   * DJL's mul, div, pow, maximum and minimum with a Number put the number in a tensor over a Java
   * buffer and free it after the op, while autograd keeps it for backward: gradients then read
   * freed memory. {@code Tensors.times} and {@code Tensors.scalar} keep the number in torch-owned
   * memory. Only the optimizer, whose updates run with autograd off, may use the Number forms.
   */
  @Test
  void numberArithmeticThatAutogradWouldKeepIsOnlyInTheOptimizer() {
    assertOnlyIn(
        Pattern.compile(NDARRAY + "\\.(mul|div|pow|maximum|minimum)i?:\\(Ljava/lang/Number;\\).*"),
        Set.of("io/seqtune/model/train/AdamW"));
  }

  /** One GradientCollector per JVM and one torch RNG: forward + backward go through Autograd. */
  @Test
  void onlyAutogradOpensGradientCollectorsAndSeedsTorch() {
    assertOnlyIn(
        Pattern.compile("ai/djl/engine/Engine\\.(newGradientCollector|setRandomSeed):.*"),
        Set.of("io/seqtune/model/train/Autograd"));
  }

  /**
   * Torch's graph-optimiser switch is per thread: only TorchScriptOp, which sets it on every thread
   * before that thread's first call, may load or run TorchScript.
   */
  @Test
  void onlyTorchScriptOpLoadsAndRunsTorchScript() {
    assertOnlyIn(
        Pattern.compile(
            "ai/djl/pytorch/(jni/IValueUtils\\.forward|jni/JniUtils\\.(loadModule|setGraphExecutorOptimize)"
                + "|engine/PtSymbolBlock\\.forward):.*"),
        Set.of("io/seqtune/model/nn/TorchScriptOp"));
  }

  private static void assertOnlyIn(Pattern forbidden, Set<String> allowedClasses) {
    List<String> violations = new ArrayList<>();
    Path root = mainClasses();
    for (Path file : classFiles(root)) {
      String name = root.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
      String outer = name.replaceAll("\\$.*", "");
      if (allowedClasses.contains(outer)) {
        continue;
      }
      for (String ref : MethodReferences.of(file)) {
        if (forbidden.matcher(ref).matches()) {
          violations.add(name + " calls " + ref);
        }
      }
    }
    assertThat(classFiles(root)).as("compiled main classes").hasSizeGreaterThan(30);
    assertThat(violations).isEmpty();
  }

  private static Path mainClasses() {
    try {
      return Path.of(CausalLM.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> classFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".class")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
