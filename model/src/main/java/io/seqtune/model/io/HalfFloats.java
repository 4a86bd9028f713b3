package io.seqtune.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * bfloat16 and float16 to float32, in Java: DJL's PyTorch bridge aborts the JVM when it is handed
 * half-precision bytes directly, so 16-bit checkpoints are widened before they reach it.
 */
final class HalfFloats {
  private HalfFloats() {}

  /** Reads little-endian 16-bit values from {@code source} into a new direct float32 buffer. */
  static ByteBuffer toFloat32(ByteBuffer source, boolean bfloat16) {
    ShortBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.nativeOrder());
    FloatBuffer floats = out.asFloatBuffer();
    while (in.hasRemaining()) {
      int bits = in.get() & 0xffff;
      floats.put(bfloat16 ? Float.intBitsToFloat(bits << 16) : halfToFloat(bits));
    }
    return out;
  }

  /** IEEE 754 binary16 to binary32, subnormals, infinities and NaN included. */
  private static float halfToFloat(int h) {
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // subnormal: mantissa * 2^-24
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
