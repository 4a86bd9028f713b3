package io.seqtune.chem.synthetic;

import java.util.List;

/**
 * The named rings the generator builds on. Only substitutable sites are listed (fusion atoms and
 * ring N without H are not).
 */
final class Rings {
  static final List<ParentHydride> AROMATIC_HETEROCYCLES =
      List.of(
          ParentHydride.ring("pyridine", "C2:1* C3:1* C4:1* C5:1* C6:1*", "2=6,3=5"),
          ParentHydride.ring("pyrimidine", "C2:1* C4:1* C5:1* C6:1*", "4=6"),
          ParentHydride.ring("pyrazine", "C2:1* C3:1* C5:1* C6:1*", "2=5,3=6;2=6,3=5;2=3,5=6"),
          ParentHydride.ring("furan", "C2:1* C3:1* C4:1* C5:1*", "2=5,3=4"),
          ParentHydride.ring("thiophene", "C2:1* C3:1* C4:1* C5:1*", "2=5,3=4"),
          ParentHydride.ring("1H-pyrrole", "N1:1* C2:1* C3:1* C4:1* C5:1*", "2=5,3=4"),
          ParentHydride.ring("1H-imidazole", "N1:1* C2:1* C4:1* C5:1*", ""),
          ParentHydride.ring("1,3-thiazole", "C2:1* C4:1* C5:1*", ""),
          ParentHydride.ring("1,3-oxazole", "C2:1* C4:1* C5:1*", ""),
          ParentHydride.ring("quinoline", "C2:1* C3:1* C4:1* C5:1* C6:1* C7:1* C8:1*", ""),
          ParentHydride.ring("1H-indole", "N1:1* C2:1* C3:1* C4:1* C5:1* C6:1* C7:1*", ""));

  static final ParentHydride NAPHTHALENE =
      ParentHydride.ring(
          "naphthalene",
          "C1:1* C2:1* C3:1* C4:1* C5:1* C6:1* C7:1* C8:1*",
          "1=4,2=3,5=8,6=7;1=8,2=7,3=6,4=5;1=5,2=6,3=7,4=8");

  static final List<ParentHydride> SATURATED_HETEROCYCLES =
      List.of(
          ParentHydride.ring("piperidine", "N1:1 C2:2 C3:2 C4:2 C5:2 C6:2", "2=6,3=5"),
          ParentHydride.ring("morpholine", "C2:2 C3:2 N4:1 C5:2 C6:2", "2=6,3=5"),
          ParentHydride.ring(
              "piperazine", "N1:1 C2:2 C3:2 N4:1 C5:2 C6:2", "1=4,2=5,3=6;2=6,3=5;1=4,2=3,5=6"),
          ParentHydride.ring("pyrrolidine", "N1:1 C2:2 C3:2 C4:2 C5:2", "2=5,3=4"),
          ParentHydride.ring("oxane", "C2:2 C3:2 C4:2 C5:2 C6:2", "2=6,3=5"),
          ParentHydride.ring("thiane", "C2:2 C3:2 C4:2 C5:2 C6:2", "2=6,3=5"),
          ParentHydride.ring("oxolane", "C2:2 C3:2 C4:2 C5:2", "2=5,3=4"));

  private Rings() {}
}
