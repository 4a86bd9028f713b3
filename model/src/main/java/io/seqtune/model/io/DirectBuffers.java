package io.seqtune.model.io;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Frees a direct or memory-mapped buffer now instead of when the garbage collector finds it: a
 * checkpoint read tensor by tensor would otherwise keep every mapping (and every widened copy of a
 * 16-bit tensor) resident next to the tensors copied out of them, doubling peak memory.
 */
final class DirectBuffers {
  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private DirectBuffers() {}

  /** Releases {@code buffer}'s memory; nothing may read it (or a tensor viewing it) afterwards. */
  static void free(ByteBuffer buffer) {
    if (buffer.isDirect()) {
      UNSAFE.invokeCleaner(buffer);
    }
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (sun.misc.Unsafe) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach sun.misc.Unsafe", e);
    }
  }
}
