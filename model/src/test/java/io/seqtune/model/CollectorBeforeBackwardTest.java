package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.seqtune.model.lora.LoraAdapter;
import io.seqtune.model.nn.Parameter;
import io.seqtune.model.train.CausalLmLoss;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients must not depend on when Java's garbage collector runs. DJL's mul(Number) and the like
 * put the number in a tensor over a Java buffer that is garbage right after the op, while autograd
 * keeps that tensor for the backward pass; a collection in between made the backward pass read
 * freed memory, and identical runs split at whichever step a collection happened to hit.
 */
class CollectorBeforeBackwardTest {
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt_neo", "opt", "llama", "opt_lora"})
  void gradientsAreTheSameWhenTheCollectorRunsBetweenForwardAndBackward(String fixture)
      throws InterruptedException {
    List<float[]> undisturbed = gradients(fixture, false);
    List<float[]> collected = gradients(fixture, true);
    assertThat(collected).hasSameSizeAs(undisturbed);
    for (int i = 0; i < undisturbed.size(); i++) {
      float[] expected = undisturbed.get(i);
      float[] actual = collected.get(i);
      long differing =
          IntStream.range(0, expected.length)
              .filter(j -> Float.floatToIntBits(expected[j]) != Float.floatToIntBits(actual[j]))
              .count();
      assertThat(differing).as("elements of gradient %d of %s that changed", i, fixture).isZero();
    }
  }

  private static List<float[]> gradients(String fixture, boolean collectBeforeBackward)
      throws InterruptedException {
    boolean lora = fixture.endsWith("_lora");
    String base = lora ? fixture.substring(0, fixture.length() - "_lora".length()) : fixture;
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf(base), DeviceChoice.CPU)) {
      if (lora) {
        LoraAdapter.load(model, Fixtures.hf(fixture));
      }
      Map<String, NDArray> ref = Fixtures.reference(fixture, m);
      List<Parameter> trainable = model.trainableParameters();
      trainable.forEach(p -> p.value().setRequiresGradient(true));
      try (NDScope scope = new NDScope();
          GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray ids = ref.get("input_ids");
        NDArray loss =
            CausalLmLoss.mean(model.forward(ids, ref.get("attention_mask"), null, false), ids);
        List<ByteBuffer> overwrite = collectBeforeBackward ? freeGarbageBuffers() : List.of();
        collector.backward(loss);
        Reference.reachabilityFence(overwrite);
      }
      List<float[]> out = new ArrayList<>();
      for (Parameter p : trainable) {
        out.add(p.value().getGradient().toFloatArray());
      }
      return out;
    }
  }

  /** Collects until the direct buffers that became garbage are freed, then reuses their memory. */
  private static List<ByteBuffer> freeGarbageBuffers() throws InterruptedException {
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    long before = direct.getCount();
    for (int i = 0; i < 40 && direct.getCount() >= before; i++) {
      System.gc();
      Thread.sleep(25); // the JDK's cleaner thread frees the memory after the collection
    }
    assertThat(direct.getCount()).as("direct buffers freed by the collection").isLessThan(before);
    List<ByteBuffer> reused = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(16);
      while (b.hasRemaining()) {
        b.put((byte) 0x5a);
      }
      reused.add(b);
    }
    return reused;
  }
}
