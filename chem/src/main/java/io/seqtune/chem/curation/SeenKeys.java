package io.seqtune.chem.curation;

import java.nio.charset.StandardCharsets;

/**
 * A set of strings (InChIKeys, names) kept as 64-bit hashes in an open-addressing table: 8–16 bytes
 * per key, so tens of millions of InChIKeys and names fit in a few hundred MB. Two different keys
 * collide with probability ~n²/2⁶⁵ (≈ 2e-5 for 30 million keys): an acceptable chance of dropping
 * one row.
 */
public final class SeenKeys {
  private static final long EMPTY = 0;
  private long[] table = new long[1 << 16];
  private int size;

  /** Adds the key; false when it was already present. */
  public boolean add(String key) {
    long hash = hash(key);
    if ((size + 1) * 2L > table.length) {
      grow();
    }
    if (!insert(table, hash)) {
      return false;
    }
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  public boolean contains(String key) {
    long hash = hash(key);
    int mask = table.length - 1;
    for (int slot = (int) (hash ^ (hash >>> 32)) & mask;
        table[slot] != EMPTY;
        slot = (slot + 1) & mask) {
      if (table[slot] == hash) {
        return true;
      }
    }
    return false;
  }

  private static boolean insert(long[] into, long hash) {
    int mask = into.length - 1;
    for (int slot = (int) (hash ^ (hash >>> 32)) & mask; ; slot = (slot + 1) & mask) {
      if (into[slot] == EMPTY) {
        into[slot] = hash;
        return true;
      }
      if (into[slot] == hash) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long hash : table) {
      if (hash != EMPTY) {
        insert(bigger, hash);
      }
    }
    table = bigger;
  }

  /** FNV-1a over UTF-8 with a final avalanche (SplitMix64); 0 is reserved for empty slots. */
  public static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h == EMPTY ? 1 : h;
  }
}
