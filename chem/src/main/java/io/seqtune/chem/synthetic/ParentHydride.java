package io.seqtune.chem.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parent hydride: its name, the positions that may be substituted, and the renumberings that
 * leave it unchanged (its symmetry), from which the lowest-locant name of a derivative is chosen.
 *
 * @param name the full name for rings ("pyridine", "1H-pyrrole"); the stem for chains and
 *     carbocycles ("hex")
 * @param symmetries each maps site index → site index whose locant that site takes; the identity
 *     first
 */
record ParentHydride(String name, Kind kind, List<Site> sites, List<int[]> symmetries) {
  enum Kind {
    CHAIN,
    CARBOCYCLE,
    BENZENE,
    RING
  }

  private static final String[] STEMS = {
    "", "meth", "eth", "prop", "but", "pent", "hex", "hept", "oct", "non", "dec"
  };

  static ParentHydride chain(int length) {
    List<Site> sites = new ArrayList<>();
    for (int i = 1; i <= length; i++) {
      int neighbours = length == 1 ? 0 : (i == 1 || i == length ? 1 : 2);
      sites.add(new Site(Integer.toString(i), 'C', 4 - neighbours, false));
    }
    int[] reversed = new int[length];
    for (int i = 0; i < length; i++) {
      reversed[i] = length - 1 - i;
    }
    return new ParentHydride(STEMS[length], Kind.CHAIN, sites, List.of(identity(length), reversed));
  }

  static ParentHydride carbocycle(int size) {
    return new ParentHydride(
        "cyclo" + STEMS[size], Kind.CARBOCYCLE, ringSites(size, 2, false), dihedral(size));
  }

  static ParentHydride benzene() {
    return new ParentHydride("benzene", Kind.BENZENE, ringSites(6, 1, true), dihedral(6));
  }

  /**
   * A named ring from a compact description.
   *
   * @param siteSpec e.g. "N1:1 C2:1 C3:1" — element, locant, hydrogens; add "*" for aromatic
   *     ("C2:1*")
   * @param symmetrySpec involutions as swapped locant pairs, ';' between symmetries, e.g. "2=6,3=5"
   */
  static ParentHydride ring(String name, String siteSpec, String symmetrySpec) {
    List<Site> sites = new ArrayList<>();
    for (String token : siteSpec.trim().split("\\s+")) {
      boolean aromatic = token.endsWith("*");
      String body = aromatic ? token.substring(0, token.length() - 1) : token;
      String[] parts = body.substring(1).split(":");
      sites.add(new Site(parts[0], body.charAt(0), Integer.parseInt(parts[1]), aromatic));
    }
    List<int[]> symmetries = new ArrayList<>();
    symmetries.add(identity(sites.size()));
    for (String symmetry : symmetrySpec.isBlank() ? new String[0] : symmetrySpec.split(";")) {
      int[] map = identity(sites.size());
      for (String swap : symmetry.trim().split(",")) {
        String[] pair = swap.split("=");
        int a = indexOf(sites, pair[0]);
        int b = indexOf(sites, pair[1]);
        map[a] = b;
        map[b] = a;
      }
      symmetries.add(map);
    }
    return new ParentHydride(name, Kind.RING, sites, symmetries);
  }

  int size() {
    return sites.size();
  }

  boolean isChain() {
    return kind == Kind.CHAIN;
  }

  /** Chains and carbocycles may take double and triple bonds between consecutive sites. */
  boolean acceptsUnsaturation() {
    return kind == Kind.CHAIN || kind == Kind.CARBOCYCLE;
  }

  /** The site bonded after {@code site} along the chain or ring, or -1 at a chain end. */
  int next(int site) {
    if (kind == Kind.CHAIN) {
      return site + 1 < size() ? site + 1 : -1;
    }
    return (site + 1) % size();
  }

  /**
   * Whether every site can be moved onto every other by a symmetry (then a single locant is
   * redundant).
   */
  boolean allSitesEquivalent() {
    Set<Integer> orbit = new HashSet<>();
    for (int[] symmetry : symmetries) {
      orbit.add(symmetry[0]);
    }
    return orbit.size() == size();
  }

  private static List<Site> ringSites(int size, int hydrogens, boolean aromatic) {
    List<Site> sites = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      sites.add(new Site(Integer.toString(i), 'C', hydrogens, aromatic));
    }
    return sites;
  }

  /** Rotations and reflections of a ring of {@code size} atoms. */
  private static List<int[]> dihedral(int size) {
    List<int[]> symmetries = new ArrayList<>();
    for (int shift = 0; shift < size; shift++) {
      int[] rotation = new int[size];
      int[] reflection = new int[size];
      for (int i = 0; i < size; i++) {
        rotation[i] = (i + shift) % size;
        reflection[i] = Math.floorMod(shift - i, size);
      }
      symmetries.add(rotation);
      symmetries.add(reflection);
    }
    return symmetries;
  }

  private static int[] identity(int size) {
    int[] map = new int[size];
    for (int i = 0; i < size; i++) {
      map[i] = i;
    }
    return map;
  }

  private static int indexOf(List<Site> sites, String locant) {
    for (int i = 0; i < sites.size(); i++) {
      if (sites.get(i).locant().equals(locant)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no site " + locant);
  }
}
