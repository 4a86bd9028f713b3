package io.seqtune.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * While open, forward passes without gradients through the given linear layers multiply by copies
 * of their CPU weights, in the compute type (float32 or bfloat16), laid out once in oneDNN's
 * blocked format, instead of laying each weight out again on every call (what MKL's sgemm and
 * oneDNN do for a plain weight, and most of a decoding step's cost at a few rows). The copies are
 * taken when this opens: the weights must not change until it closes. A layer already packed by an
 * enclosing PackedWeights keeps that copy. Costs one more copy of the packed weights' memory.
 */
public final class PackedWeights implements AutoCloseable {
  private final NDManager manager;
  private final List<Linear> packed = new ArrayList<>();

  private PackedWeights(NDManager manager) {
    this.manager = manager;
  }

  /**
   * @param parent the manager the copies are created under (the model's)
   * @param compute the type the forward passes compute in, which the copies take
   */
  public static PackedWeights pack(Collection<Linear> linears, NDManager parent, DataType compute) {
    PackedWeights weights = new PackedWeights(parent.newSubManager());
    try (NoGrad noGrad = NoGrad.enter()) {
      for (Linear linear : linears) {
        if (linear.pack(weights.manager, compute)) {
          weights.packed.add(linear);
        }
      }
    } catch (RuntimeException e) {
      weights.close();
      throw e;
    }
    return weights;
  }

  /** How many linear layers this packed (not those an enclosing PackedWeights had packed). */
  public int layers() {
    return packed.size();
  }

  @Override
  public void close() {
    packed.forEach(Linear::unpack);
    manager.close();
  }
}
