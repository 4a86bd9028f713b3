package io.seqtune.chem.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the name of a skeleton under every symmetry-equivalent numbering and keeps the
 * lowest-locant one.
 */
final class SkeletonNamer {
  private SkeletonNamer() {}

  static Optional<NumberedName> name(Skeleton skeleton) {
    NumberedName best = null;
    for (int[] numbering : skeleton.parent.symmetries()) {
      NumberedName candidate = render(skeleton, numbering);
      if (candidate != null && (best == null || candidate.compareTo(best) < 0)) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The name under one numbering, or null when that numbering is not allowed. */
  private static NumberedName render(Skeleton s, int[] numbering) {
    ParentHydride parent = s.parent;
    List<String> eneLocants = new ArrayList<>();
    List<String> yneLocants = new ArrayList<>();
    Map<Integer, String> bondLocants = new TreeMap<>();
    for (Skeleton.Bond bond : s.unsaturations) {
      int a = numbering[bond.site()];
      int b = numbering[parent.next(bond.site())];
      if (Math.abs(a - b) != 1) {
        return null; // a ring bond between the last atom and atom 1: some rotation numbers it lower
      }
      String locant = parent.sites().get(Math.min(a, b)).locant();
      bondLocants.put(bond.site(), locant);
      (bond.triple() ? yneLocants : eneLocants).add(locant);
    }
    List<String> groupLocants =
        s.groupSites.stream().map(site -> locant(s, numbering, site)).toList();
    boolean groupOnCarbonOne = groupLocants.stream().allMatch("1"::equals);
    if ((s.chainTerminalGroup() || parent.kind() == ParentHydride.Kind.BENZENE && s.group != null)
        && !groupOnCarbonOne) {
      return null;
    }
    boolean omitLocants =
        parent.allSitesEquivalent() && (s.featureCount() == 1 || parent.size() == 1);

    Map<Prefix, List<String>> prefixLocants =
        new TreeMap<>((x, y) -> x.sortKey().compareTo(y.sortKey()));
    for (Prefix alkyl : s.nitrogenSubstituents) {
      prefixLocants.computeIfAbsent(alkyl, k -> new ArrayList<>()).add("N");
    }
    for (Skeleton.Attachment attachment : s.attachments) {
      prefixLocants
          .computeIfAbsent(attachment.prefix(), k -> new ArrayList<>())
          .add(locant(s, numbering, attachment.site()));
    }
    List<String> cited = new ArrayList<>();
    List<Integer> citationOrder = new ArrayList<>();
    for (Map.Entry<Prefix, List<String>> entry : prefixLocants.entrySet()) {
      List<String> shown =
          entry.getValue().stream()
              .filter(locant -> !omitLocants || locant.equals("N"))
              .sorted(Locants.ORDER)
              .toList();
      String locants = shown.isEmpty() ? "" : String.join(",", shown) + "-";
      cited.add(locants + entry.getKey().cited(entry.getValue().size()));
      entry.getValue().stream()
          .filter(l -> !l.equals("N"))
          .sorted(Locants.ORDER)
          .forEach(l -> citationOrder.add(Locants.orderKey(l)));
    }
    String prefixes = joinPrefixes(cited);
    String core = core(s, eneLocants, yneLocants, groupLocants, omitLocants);
    String body =
        prefixes.isEmpty() || !Character.isDigit(core.charAt(0))
            ? prefixes + core
            : prefixes + "-" + core;
    String name =
        (s.esterAlkyl == null ? "" : s.esterAlkyl.text + " ")
            + stereo(s, numbering, bondLocants)
            + body;

    List<String> allPrefixLocants = new ArrayList<>();
    s.attachments.forEach(a -> allPrefixLocants.add(locant(s, numbering, a.site())));
    List<String> multipleBonds = new ArrayList<>(eneLocants);
    multipleBonds.addAll(yneLocants);
    return new NumberedName(
        name,
        List.of(
            keys(groupLocants),
            keys(multipleBonds),
            keys(eneLocants),
            keys(allPrefixLocants),
            citationOrder));
  }

  private static String core(
      Skeleton s,
      List<String> enes,
      List<String> ynes,
      List<String> groupLocants,
      boolean omitLocants) {
    ParentHydride parent = s.parent;
    if (s.group != null && parent.kind() == ParentHydride.Kind.BENZENE) {
      return s.group.benzeneName;
    }
    String hydride =
        parent.acceptsUnsaturation()
            ? hydrocarbon(parent.name(), enes, ynes, omitLocants)
            : parent.name();
    if (s.group == null) {
      return hydride;
    }
    boolean terminal = s.chainTerminalGroup();
    String suffix =
        s.group.carriesCarbon() && !terminal ? s.group.attachedSuffix : s.group.chainSuffix;
    String locants = terminal || omitLocants ? "" : "-" + Locants.join(groupLocants) + "-";
    if (s.esterAlkyl == null && s.group == PrincipalGroup.ESTER) {
      throw new IllegalStateException("an ester needs its alkyl group");
    }
    return withSuffix(hydride, locants, Locants.multiplier(groupLocants.size(), false) + suffix);
  }

  /**
   * Prefixes are separated by a hyphen only before a locant: "2-chloro-1-methyl",
   * "ethoxy(methylsulfanyl)".
   */
  private static String joinPrefixes(List<String> cited) {
    StringBuilder joined = new StringBuilder();
    for (String prefix : cited) {
      boolean startsWithLocant =
          Character.isDigit(prefix.charAt(0)) || prefix.startsWith("N-") || prefix.startsWith("N,");
      joined.append(joined.length() > 0 && startsWithLocant ? "-" : "").append(prefix);
    }
    return joined.toString();
  }

  /** "hexane", "hex-2-ene", "buta-1,3-diene", "pent-1-en-4-yne", "cyclohexene". */
  private static String hydrocarbon(
      String stem, List<String> enes, List<String> ynes, boolean omitLocants) {
    if (enes.isEmpty() && ynes.isEmpty()) {
      return stem + "ane";
    }
    StringBuilder name = new StringBuilder(stem);
    int firstCount = enes.isEmpty() ? ynes.size() : enes.size();
    if (firstCount > 1) {
      name.append('a'); // euphony: "buta-1,3-diene"
    }
    if (!enes.isEmpty()) {
      name.append(omitLocants ? "" : "-" + Locants.join(enes) + "-")
          .append(Locants.multiplier(enes.size(), false))
          .append("en");
    }
    if (!ynes.isEmpty()) {
      name.append(omitLocants ? "" : "-" + Locants.join(ynes) + "-")
          .append(Locants.multiplier(ynes.size(), false))
          .append("yn");
    }
    return name.append('e').toString();
  }

  /**
   * The final "e" of a parent is elided before a suffix starting with a vowel: hexan-2-ol,
   * hexanenitrile.
   */
  private static String withSuffix(String hydride, String locants, String suffix) {
    boolean elide = hydride.endsWith("e") && "aeiouy".indexOf(suffix.charAt(0)) >= 0;
    return (elide ? hydride.substring(0, hydride.length() - 1) : hydride) + locants + suffix;
  }

  private static String stereo(Skeleton s, int[] numbering, Map<Integer, String> bondLocants) {
    Map<String, String> descriptors = new TreeMap<>(Locants.ORDER);
    s.centreDescriptors.forEach(
        (site, d) -> descriptors.put(locant(s, numbering, site), locant(s, numbering, site) + d));
    s.bondDescriptors.forEach(
        (site, d) -> descriptors.put(bondLocants.get(site), bondLocants.get(site) + d));
    return descriptors.isEmpty() ? "" : "(" + String.join(",", descriptors.values()) + ")-";
  }

  private static String locant(Skeleton s, int[] numbering, int site) {
    return s.parent.sites().get(numbering[site]).locant();
  }

  private static List<Integer> keys(List<String> locants) {
    return locants.stream().map(Locants::orderKey).sorted().collect(Collectors.toList());
  }
}
