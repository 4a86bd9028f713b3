package io.seqtune.chem.synthetic;

import static io.seqtune.chem.synthetic.Draws.addPrefixes;
import static io.seqtune.chem.synthetic.Draws.addUnsaturations;
import static io.seqtune.chem.synthetic.Draws.between;
import static io.seqtune.chem.synthetic.Draws.chance;
import static io.seqtune.chem.synthetic.Draws.pick;

import java.util.List;
import java.util.Random;

/**
 * A family of synthetic compounds: how one random skeleton of it is drawn (null when a draw does
 * not fit).
 */
enum Family {
  ALKANES("alkanes") {
    @Override
    Skeleton draw(Random random) {
      Skeleton s = new Skeleton(ParentHydride.chain(between(random, 4, 9)));
      int added =
          addPrefixes(
              random,
              s,
              between(random, 1, 3),
              List.of(
                  Prefix.METHYL,
                  Prefix.METHYL,
                  Prefix.METHYL,
                  Prefix.ETHYL,
                  Prefix.PROPYL,
                  Prefix.PROPAN_2_YL,
                  Prefix.TERT_BUTYL));
      return added > 0 ? s : null;
    }
  },
  ALKENES_ALKYNES("alkenes_alkynes") {
    @Override
    Skeleton draw(Random random) {
      Skeleton s = new Skeleton(ParentHydride.chain(between(random, 2, 8)));
      if (addUnsaturations(random, s, between(random, 1, 2), 0.3) == 0) {
        return null;
      }
      addPrefixes(
          random,
          s,
          between(random, 0, 2),
          List.of(
              Prefix.METHYL,
              Prefix.METHYL,
              Prefix.ETHYL,
              Prefix.CHLORO,
              Prefix.BROMO,
              Prefix.FLUORO));
      return s;
    }
  },
  CYCLOALKANES("cycloalkanes") {
    @Override
    Skeleton draw(Random random) {
      Skeleton s = new Skeleton(ParentHydride.carbocycle(between(random, 3, 8)));
      if (chance(random, 0.4)) {
        addUnsaturations(random, s, s.parent.size() >= 6 && chance(random, 0.3) ? 2 : 1, 0);
      }
      addPrefixes(random, s, between(random, 0, 3), Prefix.NEUTRAL);
      return s.featureCount() > 0 ? s : null;
    }
  },
  ARENES("arenes") {
    @Override
    Skeleton draw(Random random) {
      Skeleton s = new Skeleton(chance(random, 0.8) ? ParentHydride.benzene() : Rings.NAPHTHALENE);
      return addPrefixes(random, s, between(random, 1, 3), Prefix.NEUTRAL) > 0 ? s : null;
    }
  },
  HETEROAROMATICS("heteroaromatics") {
    @Override
    Skeleton draw(Random random) {
      return withNeutralPrefixes(random, pick(random, Rings.AROMATIC_HETEROCYCLES));
    }
  },
  SATURATED_HETEROCYCLES("saturated_heterocycles") {
    @Override
    Skeleton draw(Random random) {
      return withNeutralPrefixes(random, pick(random, Rings.SATURATED_HETEROCYCLES));
    }
  },
  /** A principal characteristic group as the suffix, on chains and rings. */
  PRINCIPAL_GROUPS("principal_groups") {
    @Override
    Skeleton draw(Random random) {
      ParentHydride parent = anyParent(random);
      PrincipalGroup group =
          Draws.compatibleGroup(random, parent, List.of(PrincipalGroup.values()));
      Skeleton s = new Skeleton(parent);
      boolean multiplied =
          !group.carriesCarbon() && parent.acceptsUnsaturation() && chance(random, 0.15);
      if (!Draws.setGroup(random, s, group, multiplied ? 2 : 1)) {
        return null;
      }
      if (parent.isChain() && chance(random, 0.25)) {
        addUnsaturations(random, s, 1, 0.3);
      }
      if (group.takesNitrogenSubstituents() && chance(random, 0.3)) {
        for (int i = between(random, 1, 2); i > 0; i--) {
          s.addNitrogenSubstituent(pick(random, List.of(Prefix.METHYL, Prefix.ETHYL)));
        }
      }
      addPrefixes(random, s, between(random, 0, 2), Prefix.NEUTRAL);
      return s;
    }
  },
  /** Characteristic groups cited as prefixes under a more senior suffix: 4-hydroxybutanoic acid. */
  SUBSTITUENT_GROUPS("substituent_groups") {
    @Override
    Skeleton draw(Random random) {
      ParentHydride parent =
          chance(random, 0.6) ? ParentHydride.chain(between(random, 2, 7)) : anyRing(random);
      PrincipalGroup group =
          Draws.compatibleGroup(
              random,
              parent,
              List.of(
                  PrincipalGroup.ACID,
                  PrincipalGroup.ESTER,
                  PrincipalGroup.AMIDE,
                  PrincipalGroup.NITRILE,
                  PrincipalGroup.ALDEHYDE,
                  PrincipalGroup.KETONE,
                  PrincipalGroup.ALCOHOL));
      Skeleton s = new Skeleton(parent);
      if (group == null || !Draws.setGroup(random, s, group, 1)) {
        return null;
      }
      if (addPrefixes(
              random,
              s,
              between(random, 1, 2),
              parent.isChain() ? Prefix.CHAIN_GROUPS : Prefix.GROUPS)
          == 0) {
        return null;
      }
      addPrefixes(
          random, s, between(random, 0, 1), chance(random, 0.3) ? Prefix.RINGS : Prefix.NEUTRAL);
      return s;
    }
  },
  /**
   * E/Z double bonds and R/S centres (OPSIN rejects a descriptor on an atom or bond that is not
   * stereogenic).
   */
  STEREO("stereo") {
    @Override
    Skeleton draw(Random random) {
      double kind = random.nextDouble();
      return kind < 0.4
          ? doubleBond(random)
          : kind < 0.8 ? chainCentres(random) : ringCentres(random);
    }

    private Skeleton doubleBond(Random random) {
      Skeleton s = new Skeleton(ParentHydride.chain(between(random, 4, 8)));
      if (chance(random, 0.5)) {
        Draws.setGroup(
            random,
            s,
            pick(
                random,
                List.of(
                    PrincipalGroup.ACID,
                    PrincipalGroup.ESTER,
                    PrincipalGroup.NITRILE,
                    PrincipalGroup.ALDEHYDE,
                    PrincipalGroup.ALCOHOL)),
            1);
      }
      int bond = between(random, 1, s.parent.size() - 3);
      if (!s.addUnsaturation(bond, false)) {
        return null;
      }
      addPrefixes(
          random,
          s,
          between(random, 0, 1),
          List.of(Prefix.METHYL, Prefix.CHLORO, Prefix.BROMO, Prefix.FLUORO));
      s.describeBond(bond, chance(random, 0.5) ? 'E' : 'Z');
      return s;
    }

    private Skeleton chainCentres(Random random) {
      Skeleton s = new Skeleton(ParentHydride.chain(between(random, 4, 8)));
      if (chance(random, 0.5)) {
        int site = between(random, 1, s.parent.size() - 2);
        if (!s.setGroup(
            pick(random, List.of(PrincipalGroup.ALCOHOL, PrincipalGroup.AMINE)), List.of(site))) {
          return null;
        }
        describeCentre(random, s, site);
      } else {
        Draws.setGroup(
            random,
            s,
            pick(random, List.of(PrincipalGroup.ACID, PrincipalGroup.ESTER, PrincipalGroup.AMIDE)),
            1);
      }
      for (int centres = between(random, 1, 2); centres > 0; centres--) {
        int site = between(random, 1, s.parent.size() - 2);
        if (s.addPrefix(site, pick(random, CENTRE_SUBSTITUENTS))) {
          describeCentre(random, s, site);
        }
      }
      return s.centreDescriptors.isEmpty() ? null : s;
    }

    private Skeleton ringCentres(Random random) {
      Skeleton s =
          new Skeleton(
              chance(random, 0.6)
                  ? ParentHydride.carbocycle(between(random, 5, 6))
                  : pick(random, Rings.SATURATED_HETEROCYCLES));
      PrincipalGroup group =
          Draws.compatibleGroup(
              random,
              s.parent,
              List.of(PrincipalGroup.ALCOHOL, PrincipalGroup.AMINE, PrincipalGroup.ACID));
      if (group == null || !Draws.setGroup(random, s, group, 1)) {
        return null;
      }
      describeCentre(random, s, s.groupSites.get(0));
      int site = random.nextInt(s.parent.size());
      if (!s.addPrefix(site, pick(random, CENTRE_SUBSTITUENTS))) {
        return null;
      }
      describeCentre(random, s, site);
      return s;
    }

    private void describeCentre(Random random, Skeleton s, int site) {
      s.describeCentre(site, chance(random, 0.5) ? 'R' : 'S');
    }
  };

  private static final List<Prefix> CENTRE_SUBSTITUENTS =
      List.of(
          Prefix.METHYL,
          Prefix.ETHYL,
          Prefix.HYDROXY,
          Prefix.AMINO,
          Prefix.CHLORO,
          Prefix.FLUORO,
          Prefix.BROMO,
          Prefix.METHOXY,
          Prefix.PHENYL);

  final String id;

  Family(String id) {
    this.id = id;
  }

  abstract Skeleton draw(Random random);

  static Family byId(String id) {
    for (Family family : values()) {
      if (family.id.equals(id)) {
        return family;
      }
    }
    throw new IllegalArgumentException("unknown synthetic family '" + id + "'");
  }

  /** The ring itself or with up to two neutral substituents. */
  private static Skeleton withNeutralPrefixes(Random random, ParentHydride ring) {
    Skeleton s = new Skeleton(ring);
    addPrefixes(random, s, between(random, 0, 2), Prefix.NEUTRAL);
    return s;
  }

  private static ParentHydride anyParent(Random random) {
    return chance(random, 0.45) ? ParentHydride.chain(between(random, 1, 8)) : anyRing(random);
  }

  private static ParentHydride anyRing(Random random) {
    double kind = random.nextDouble();
    if (kind < 0.3) {
      return ParentHydride.carbocycle(between(random, 3, 7));
    }
    if (kind < 0.65) {
      return ParentHydride.benzene();
    }
    return kind < 0.85
        ? pick(random, Rings.AROMATIC_HETEROCYCLES)
        : pick(random, Rings.SATURATED_HETEROCYCLES);
  }
}
