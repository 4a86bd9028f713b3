package io.seqtune.model.io;

import ai.djl.ndarray.types.DataType;

/** Safetensors dtype names and their DJL types. */
enum DType {
  F64("F64", DataType.FLOAT64),
  F32("F32", DataType.FLOAT32),
  F16("F16", DataType.FLOAT16),
  BF16("BF16", DataType.BFLOAT16),
  I64("I64", DataType.INT64),
  I32("I32", DataType.INT32),
  I8("I8", DataType.INT8),
  U8("U8", DataType.UINT8),
  BOOL("BOOL", DataType.BOOLEAN);

  private final String name;
  private final DataType djl;

  DType(String name, DataType djl) {
    this.name = name;
    this.djl = djl;
  }

  DataType djl() {
    return djl;
  }

  String safetensorsName() {
    return name;
  }

  static DType fromSafetensors(String name) {
    for (DType t : values()) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported safetensors dtype " + name);
  }

  static DType fromDjl(DataType type) {
    for (DType t : values()) {
      if (t.djl == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("cannot store " + type + " in safetensors");
  }
}
