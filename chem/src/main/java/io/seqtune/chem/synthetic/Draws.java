package io.seqtune.chem.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random choices shared by the families: sites, groups, prefixes and multiple bonds that fit a
 * skeleton.
 */
final class Draws {
  /** Tries per wanted item before giving up: a crowded skeleton may have no room left. */
  private static final int TRIES_PER_ITEM = 8;

  private Draws() {}

  static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static int between(Random random, int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  static boolean chance(Random random, double probability) {
    return random.nextDouble() < probability;
  }

  /** Adds up to {@code count} prefixes from the pool at random sites; returns how many fitted. */
  static int addPrefixes(Random random, Skeleton skeleton, int count, List<Prefix> pool) {
    int added = 0;
    for (int attempt = 0; attempt < count * TRIES_PER_ITEM && added < count; attempt++) {
      if (skeleton.addPrefix(random.nextInt(skeleton.parent.size()), pick(random, pool))) {
        added++;
      }
    }
    return added;
  }

  static int addUnsaturations(Random random, Skeleton skeleton, int count, double tripleChance) {
    int added = 0;
    for (int attempt = 0; attempt < count * TRIES_PER_ITEM && added < count; attempt++) {
      if (skeleton.addUnsaturation(
          random.nextInt(skeleton.parent.size()), chance(random, tripleChance))) {
        added++;
      }
    }
    return added;
  }

  /** Puts the group on {@code count} random sites (chain-terminal groups on chain atom 1). */
  static boolean setGroup(Random random, Skeleton skeleton, PrincipalGroup group, int count) {
    for (int attempt = 0; attempt < TRIES_PER_ITEM; attempt++) {
      List<Integer> sites = new ArrayList<>();
      if (skeleton.parent.isChain() && group.carriesCarbon()) {
        sites.add(0);
      } else {
        while (sites.size() < count) {
          int site = random.nextInt(skeleton.parent.size());
          if (!sites.contains(site)) {
            sites.add(site);
          }
          if (sites.size() == skeleton.parent.size()) {
            break;
          }
        }
      }
      if (skeleton.setGroup(group, sites)) {
        if (group == PrincipalGroup.ESTER) {
          skeleton.setEsterAlkyl(pick(random, Prefix.ALKYLS));
        }
        return true;
      }
    }
    return false;
  }

  /**
   * A group the parent can carry (benzene has no ketone; aromatic heterocycles take no -ol or
   * -thiol, which tautomerise).
   */
  static PrincipalGroup compatibleGroup(
      Random random, ParentHydride parent, List<PrincipalGroup> wanted) {
    List<PrincipalGroup> allowed = new ArrayList<>();
    for (PrincipalGroup group : wanted) {
      boolean fits =
          switch (parent.kind()) {
            case CHAIN ->
                !(group.carriesCarbon() && parent.size() < 2)
                    && !(group == PrincipalGroup.KETONE && parent.size() < 3);
            case CARBOCYCLE -> true;
            case BENZENE -> group.benzeneName != null;
            case RING ->
                parent.sites().get(0).aromatic()
                    ? group.carriesCarbon() || group == PrincipalGroup.AMINE
                    : group != PrincipalGroup.THIOL;
          };
      if (fits) {
        allowed.add(group);
      }
    }
    return allowed.isEmpty() ? null : pick(random, allowed);
  }
}
