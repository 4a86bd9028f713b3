package io.seqtune.chem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Name → structure with OPSIN, including the multi-component names PubChem writes: components
 * joined by {@code ;} ({@code N-methylaniline;hydrochloride}, {@code sodium;acetate}, {@code
 * X;dihydrate}). Each component is parsed on its own and the parts are put together with their
 * counts, so order does not matter and stoichiometry is kept. Rules beyond OPSIN, each for a word
 * OPSIN will not parse alone:
 *
 * <ul>
 *   <li>{@code hydrate}, {@code monohydrate} … {@code dodecahydrate}: that many waters;
 *   <li>{@code hydron}: a proton;
 *   <li>a leading multiplier ({@code disodium}, {@code dihydrochloride}): that many of the rest;
 *   <li>bare alkali and alkaline-earth atoms are ionised (+1, +2) while the whole is negative, as
 *       PubChem names the cation of a salt by its element ({@code sodium;acetate}).
 * </ul>
 *
 * A name whose components do not all parse falls back to OPSIN's own reading of the components
 * joined by spaces (its salt grammar).
 */
final class NameParser {
  private static final Pattern HYDRATE =
      Pattern.compile("(mono|di|tri|tetra|penta|hexa|hepta|octa|nona|deca|undeca|dodeca)?hydrate");
  private static final Pattern MULTIPLIED =
      Pattern.compile("(di|tri|tetra|penta|hexa|hepta|octa|nona|deca)(.+)");
  private static final Map<String, Integer> MULTIPLIERS =
      Map.ofEntries(
          Map.entry("mono", 1),
          Map.entry("di", 2),
          Map.entry("tri", 3),
          Map.entry("tetra", 4),
          Map.entry("penta", 5),
          Map.entry("hexa", 6),
          Map.entry("hepta", 7),
          Map.entry("octa", 8),
          Map.entry("nona", 9),
          Map.entry("deca", 10),
          Map.entry("undeca", 11),
          Map.entry("dodeca", 12));

  private NameParser() {}

  /** The structure of a name; empty when OPSIN (with the rules above) finds none. */
  static Optional<IAtomContainer> parse(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String stripped = name.strip();
    if (stripped.indexOf(';') < 0) {
      return single(stripped);
    }
    Optional<IAtomContainer> joined = components(stripped.split(";"));
    return joined.isPresent() ? joined : single(stripped.replace(';', ' '));
  }

  private static Optional<IAtomContainer> components(String[] parts) {
    IAtomContainer whole = null;
    for (String part : parts) {
      Optional<IAtomContainer> component = component(part.strip());
      if (component.isEmpty()) {
        return Optional.empty();
      }
      if (whole == null) {
        whole = component.get();
      } else {
        whole.add(component.get());
      }
    }
    if (whole == null) {
      return Optional.empty();
    }
    ionizeBareMetals(whole);
    return Optional.of(whole);
  }

  private static Optional<IAtomContainer> component(String part) {
    if (part.isEmpty()) {
      return Optional.empty();
    }
    Matcher hydrate = HYDRATE.matcher(part);
    if (hydrate.matches()) {
      return Optional.of(copies("O", count(hydrate.group(1))));
    }
    if (part.equals("hydron")) {
      return Optional.of(copies("[H+]", 1));
    }
    Optional<IAtomContainer> direct = single(part);
    if (direct.isPresent()) {
      return direct;
    }
    Matcher multiplied = MULTIPLIED.matcher(part);
    if (multiplied.matches()) {
      Optional<String> smiles = Molecules.nameToSmiles(multiplied.group(2));
      if (smiles.isPresent()) {
        return readable(smiles.get()).map(s -> copies(s, count(multiplied.group(1))));
      }
    }
    return Optional.empty();
  }

  private static Optional<IAtomContainer> single(String name) {
    return Molecules.nameToSmiles(name).flatMap(NameParser::readable).map(Molecules::parseSmiles);
  }

  /** OPSIN's SMILES if CDK can read it (rare exotic valences cannot be). */
  private static Optional<String> readable(String smiles) {
    try {
      Molecules.parseSmiles(smiles);
      return Optional.of(smiles);
    } catch (ChemException e) {
      return Optional.empty();
    }
  }

  private static IAtomContainer copies(String smiles, int count) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parts.add(smiles);
    }
    return Molecules.parseSmiles(String.join(".", parts));
  }

  private static int count(String multiplier) {
    return multiplier == null ? 1 : MULTIPLIERS.get(multiplier);
  }

  private static void ionizeBareMetals(IAtomContainer whole) {
    int charge = 0;
    for (IAtom atom : whole.atoms()) {
      charge += atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
    }
    for (IAtom atom : whole.atoms()) {
      int ionCharge = ionCharge(atom);
      if (charge < 0 && ionCharge > 0 && ionCharge <= -charge && isBare(whole, atom)) {
        atom.setFormalCharge(ionCharge);
        atom.setImplicitHydrogenCount(0);
        charge += ionCharge;
      }
    }
  }

  private static boolean isBare(IAtomContainer whole, IAtom atom) {
    return whole.getConnectedBondsCount(atom) == 0
        && (atom.getFormalCharge() == null || atom.getFormalCharge() == 0);
  }

  private static int ionCharge(IAtom atom) {
    return switch (atom.getSymbol()) {
      case "Li", "Na", "K", "Rb", "Cs" -> 1;
      case "Be", "Mg", "Ca", "Sr", "Ba" -> 2;
      default -> 0;
    };
  }
}
