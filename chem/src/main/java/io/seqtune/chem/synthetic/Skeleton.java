package io.seqtune.chem.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structure described in nomenclature terms while it is drawn: parent hydride, multiple bonds,
 * principal characteristic group (suffix), substituent prefixes and stereodescriptors. Every add
 * method checks valence and the naming rules that decide the parent, and refuses what would make
 * the name wrong or the structure impossible.
 */
final class Skeleton {
  record Bond(int site, boolean triple) {}

  record Attachment(int site, Prefix prefix) {}

  final ParentHydride parent;
  final List<Bond> unsaturations = new ArrayList<>();
  final List<Integer> groupSites = new ArrayList<>();
  final List<Attachment> attachments = new ArrayList<>();
  final List<Prefix> nitrogenSubstituents = new ArrayList<>();

  /** Site → 'R' or 'S'. */
  final Map<Integer, Character> centreDescriptors = new TreeMap<>();

  /** Bond start site → 'E' or 'Z'. */
  final Map<Integer, Character> bondDescriptors = new TreeMap<>();

  PrincipalGroup group;
  Prefix esterAlkyl;

  Skeleton(ParentHydride parent) {
    this.parent = parent;
  }

  Site site(int index) {
    return parent.sites().get(index);
  }

  int hydrogensLeft(int site) {
    int left = site(site).hydrogens();
    for (Bond bond : unsaturations) {
      if (bond.site == site || parent.next(bond.site) == site) {
        left -= bond.triple ? 2 : 1;
      }
    }
    for (int groupSite : groupSites) {
      if (groupSite == site) {
        left -= chainTerminalGroup() ? group.terminalHydrogens : group.hydrogensUsedOnAtom();
      }
    }
    for (Attachment attachment : attachments) {
      if (attachment.site == site) {
        left -= attachment.prefix.hydrogensUsed();
      }
    }
    return left;
  }

  /** Acids, esters, amides, nitriles and aldehydes on a chain: their carbon is chain atom 1. */
  boolean chainTerminalGroup() {
    return group != null && parent.isChain() && group.carriesCarbon();
  }

  boolean inUnsaturation(int site) {
    return unsaturations.stream().anyMatch(b -> b.site == site || parent.next(b.site) == site);
  }

  boolean addUnsaturation(int site, boolean triple) {
    int other = parent.next(site);
    if (!parent.acceptsUnsaturation()
        || other < 0
        || inUnsaturation(site)
        || inUnsaturation(other)
        || (triple && !parent.isChain())) {
      return false;
    }
    int needed = triple ? 2 : 1;
    if (hydrogensLeft(site) < needed || hydrogensLeft(other) < needed) {
      return false;
    }
    unsaturations.add(new Bond(site, triple));
    return true;
  }

  /** Sets the principal group on the given sites (once, before any prefix). */
  boolean setGroup(PrincipalGroup principal, List<Integer> sites) {
    if (group != null || !attachments.isEmpty()) {
      throw new IllegalStateException("the principal group is chosen before prefixes");
    }
    boolean chain = parent.isChain();
    if (parent.kind() == ParentHydride.Kind.BENZENE
        && (principal.benzeneName == null || sites.size() > 1)) {
      return false;
    }
    if (chain
        && principal.carriesCarbon()
        && (sites.size() != 1 || sites.get(0) != 0 || parent.size() < 2)) {
      return false;
    }
    if (principal.carriesCarbon() && sites.size() > 1) {
      return false;
    }
    for (int site : sites) {
      boolean terminal = chain && (site == 0 || site == parent.size() - 1);
      if (!site(site).isCarbon()
          || (principal == PrincipalGroup.KETONE && (terminal || site(site).aromatic()))) {
        return false;
      }
    }
    group = principal;
    groupSites.addAll(sites);
    for (int site : sites) {
      if (hydrogensLeft(site) < 0) {
        group = null;
        groupSites.clear();
        return false;
      }
    }
    return true;
  }

  boolean addPrefix(int site, Prefix prefix) {
    Site target = site(site);
    if (hydrogensLeft(site) < prefix.hydrogensUsed()
        || (!target.isCarbon() && !prefix.allowedOnNitrogen())
        || (prefix == Prefix.OXO && target.aromatic())
        || (prefix.kind == Prefix.Kind.GROUP && (group == null || !group.isSeniorTo(prefix.group)))
        || (prefix == Prefix.OXO
            && parent.isChain()
            && isChainEnd(site)
            && !group.isSeniorTo(PrincipalGroup.ALDEHYDE))
        || (prefix.kind == Prefix.Kind.RING && group == null)
        || (prefix.kind == Prefix.Kind.ALKYL && !keepsPrincipalChain(site, prefix.chainLength))
        || (chainTerminalGroup() && site == 0)
        || changesCarbonylClass(site, prefix)) {
      return false;
    }
    attachments.add(new Attachment(site, prefix));
    return true;
  }

  /**
   * Oxo next to a heteroatom prefix on one carbon makes another class (hydroxy + oxo is an acid,
   * chloro + oxo an acyl chloride): the name would be wrong, so the two never share a carbon.
   */
  private boolean changesCarbonylClass(int site, Prefix prefix) {
    for (Attachment attachment : attachments) {
      if (attachment.site == site
          && (attachment.prefix == Prefix.OXO
              ? isHeteroatomPrefix(prefix)
              : prefix == Prefix.OXO && isHeteroatomPrefix(attachment.prefix))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHeteroatomPrefix(Prefix prefix) {
    return prefix.kind == Prefix.Kind.PLAIN && prefix != Prefix.TRIFLUOROMETHYL
        || prefix == Prefix.HYDROXY
        || prefix == Prefix.AMINO
        || prefix == Prefix.SULFANYL
        || prefix == Prefix.OXO;
  }

  /** N-substituent of an amide or amine, e.g. N,N-dimethyl. */
  boolean addNitrogenSubstituent(Prefix alkyl) {
    if (group == null
        || !group.takesNitrogenSubstituents()
        || nitrogenSubstituents.size() >= 2
        || (group == PrincipalGroup.AMINE
            && parent.isChain()
            && alkyl.chainLength >= parent.size())) {
      return false;
    }
    nitrogenSubstituents.add(alkyl);
    return true;
  }

  void setEsterAlkyl(Prefix alkyl) {
    esterAlkyl = alkyl;
  }

  void describeCentre(int site, char descriptor) {
    centreDescriptors.put(site, descriptor);
  }

  void describeBond(int bondSite, char descriptor) {
    bondDescriptors.put(bondSite, descriptor);
  }

  int featureCount() {
    return unsaturations.size()
        + groupSites.size()
        + attachments.size()
        + nitrogenSubstituents.size();
  }

  boolean isChainEnd(int site) {
    return site == 0 || site == parent.size() - 1;
  }

  /**
   * On a chain, an alkyl branch must be shorter than each chain end it could replace, or the
   * longest chain (the parent) would run through it. Ends holding the principal group are kept.
   */
  private boolean keepsPrincipalChain(int site, int branchLength) {
    if (!parent.isChain()) {
      return true;
    }
    boolean groupLeft = groupSites.stream().anyMatch(s -> s < site);
    boolean groupRight = groupSites.stream().anyMatch(s -> s > site);
    int leftLength = site;
    int rightLength = parent.size() - 1 - site;
    return (groupLeft || branchLength < leftLength) && (groupRight || branchLength < rightLength);
  }
}
