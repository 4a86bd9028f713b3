package io.seqtune.chem;

import io.seqtune.chem.synthetic.NameGrammar;
import io.seqtune.chem.synthetic.NumberedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Synthetic (SMILES, name) pairs: names drawn from a grammar of substitutive nomenclature, each
 * parsed by OPSIN to get its structure (names OPSIN rejects are dropped). One name per structure
 * (InChIKey): where two names meet, the lowest-locant one stays. Deterministic for a given config:
 * names are drawn sequentially from per-family seeded generators, parsed in parallel, and accepted
 * in draw order.
 */
public final class SyntheticGenerator {
  /**
   * Batches in a row that add nothing before a family counts as exhausted (its structure space is
   * small).
   */
  private static final int STALE_BATCHES = 3;

  private static final int MAX_BATCH = 4096;
  private static final int MIN_BATCH = 32;

  private final SyntheticConfig config;
  private final Map<String, Random> randoms = new LinkedHashMap<>();
  private final Set<String> drawnNames = new HashSet<>();
  private final Map<String, Accepted> byInchiKey = new LinkedHashMap<>();
  private final Set<String> exhausted = new HashSet<>();
  private long rejectedByOpsin;

  /** A kept structure; canonical SMILES are written once, for the kept ones only, at the end. */
  private record Accepted(String family, NumberedName name, String opsinSmiles) {}

  private record Parsed(NumberedName name, String opsinSmiles, String inchiKey) {}

  public SyntheticGenerator(SyntheticConfig config) {
    this.config = config;
    for (String family : config.familyMix().keySet()) {
      randoms.put(family, new Random(config.seed() * 1_000_003L + family.hashCode()));
    }
  }

  public List<NamedMolecule> generate() {
    Map<String, Integer> quotas = quotas(config.size(), config.familyMix());
    int shortfall = fill(quotas);
    // Families that ran out of distinct structures hand their remainder to the others.
    while (shortfall > 0) {
      Map<String, Double> open = new LinkedHashMap<>(config.familyMix());
      open.keySet().removeAll(exhausted);
      open.values().removeIf(weight -> weight <= 0);
      if (open.isEmpty()) {
        break;
      }
      shortfall = fill(quotas(shortfall, open));
    }
    // CDK's canonical SMILES (with stereo) costs as much as an OPSIN parse: only kept structures
    // get
    // one, on every core, in acceptance order.
    return byInchiKey.values().parallelStream()
        .map(
            kept ->
                new NamedMolecule(
                    Molecules.canonicalSmiles(kept.opsinSmiles()),
                    kept.name().name(),
                    kept.family()))
        .toList();
  }

  /**
   * Names OPSIN rejected during the last {@link #generate()} (grammar draws that were not
   * chemistry).
   */
  public long rejectedByOpsin() {
    return rejectedByOpsin;
  }

  private int fill(Map<String, Integer> quotas) {
    int shortfall = 0;
    for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
      shortfall += quota.getValue() - fillFamily(quota.getKey(), quota.getValue());
    }
    return shortfall;
  }

  private int fillFamily(String family, int wanted) {
    int added = 0;
    int staleBatches = 0;
    while (added < wanted && staleBatches < STALE_BATCHES) {
      // Every drawn name costs an OPSIN parse and an InChIKey: draw what is still wanted plus a
      // little for OPSIN's rejections and repeated structures, not a multiple of it.
      int missing = wanted - added;
      List<NumberedName> batch =
          drawBatch(family, Math.min(MAX_BATCH, Math.max(MIN_BATCH, missing + missing / 8)));
      // OPSIN + CDK dominate the cost and are independent per name: parse on every core, keep draw
      // order.
      List<Optional<Parsed>> parsed =
          batch.parallelStream().map(SyntheticGenerator::parse).toList();
      int before = added;
      for (Optional<Parsed> result : parsed) {
        if (result.isEmpty()) {
          rejectedByOpsin++;
        } else if (accept(family, result.get(), added < wanted)) {
          added++;
        }
      }
      staleBatches = added == before ? staleBatches + 1 : 0;
    }
    if (added < wanted) {
      exhausted.add(family);
    }
    return added;
  }

  private List<NumberedName> drawBatch(String family, int count) {
    Random random = randoms.get(family);
    List<NumberedName> batch = new ArrayList<>();
    // Bounded by draws, not by successes, so a family with few distinct names cannot loop for ever.
    for (int draw = 0; draw < count * 4 && batch.size() < count; draw++) {
      NameGrammar.draw(family, random).filter(n -> drawnNames.add(n.name())).ifPresent(batch::add);
    }
    return batch;
  }

  /**
   * Adds a new structure (if room), or gives a known structure this name when its locants are
   * lower.
   */
  private boolean accept(String family, Parsed parsed, boolean room) {
    Accepted existing = byInchiKey.get(parsed.inchiKey());
    if (existing == null) {
      if (room) {
        byInchiKey.put(
            parsed.inchiKey(), new Accepted(family, parsed.name(), parsed.opsinSmiles()));
      }
      return room;
    }
    if (parsed.name().compareTo(existing.name()) < 0) {
      // The SMILES follows the name: tautomers share an InChIKey but not a canonical SMILES.
      byInchiKey.put(
          parsed.inchiKey(), new Accepted(existing.family(), parsed.name(), parsed.opsinSmiles()));
    }
    return false;
  }

  private static Optional<Parsed> parse(NumberedName name) {
    return Molecules.nameToSmiles(name.name())
        .flatMap(
            opsinSmiles -> {
              try {
                IAtomContainer molecule = Molecules.parseSmiles(opsinSmiles);
                return Optional.of(new Parsed(name, opsinSmiles, Molecules.inchiKey(molecule)));
              } catch (ChemException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Splits {@code total} by weight with the largest-remainder method (sums exactly, deterministic).
   */
  static Map<String, Integer> quotas(int total, Map<String, Double> weights) {
    double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Integer> quotas = new LinkedHashMap<>();
    Map<String, Double> remainders = new LinkedHashMap<>();
    int assigned = 0;
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      double exact = total * entry.getValue() / sum;
      quotas.put(entry.getKey(), (int) Math.floor(exact));
      remainders.put(entry.getKey(), exact - Math.floor(exact));
      assigned += (int) Math.floor(exact);
    }
    List<String> byRemainder = new ArrayList<>(remainders.keySet());
    byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
    for (int i = 0; i < total - assigned; i++) {
      quotas.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
    }
    return quotas;
  }
}
