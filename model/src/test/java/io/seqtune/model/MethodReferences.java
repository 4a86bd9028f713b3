package io.seqtune.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods a compiled class calls, read from its constant pool (every invoke instruction names a
 * Methodref or InterfaceMethodref there): "owner.name:descriptor", owner in internal form (for
 * example {@code ai/djl/ndarray/NDArray.mul:(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;}).
 */
final class MethodReferences {
  private MethodReferences() {}

  static List<String> of(Path classFile) {
    try (InputStream in = Files.newInputStream(classFile)) {
      return read(new DataInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classFile, e);
    }
  }

  private static List<String> read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] first = new int[count]; // Class: name; NameAndType: name; Methodref: class
    int[] second = new int[count]; // NameAndType: descriptor; Methodref: name-and-type
    List<Integer> methods = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // longs and doubles take two slots
        }
        case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 -> {
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
          if (tag == 10 || tag == 11) {
            methods.add(i);
          }
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> out = new ArrayList<>();
    for (int m : methods) {
      String owner = utf8[first[first[m]]];
      int nameAndType = second[m];
      out.add(owner + "." + utf8[first[nameAndType]] + ":" + utf8[second[nameAndType]]);
    }
    return out;
  }
}
