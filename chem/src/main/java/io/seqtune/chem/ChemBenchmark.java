package io.seqtune.chem;

import com.sun.management.OperatingSystemMXBean;
import io.seqtune.chem.curation.CurationConfig;
import io.seqtune.chem.curation.Curator;
import io.seqtune.chem.ingest.RowSource;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Throughput of the chemistry pipeline on this machine, for docs/benchmarks.md: {@code java -cp ...
 * io.seqtune.chem.ChemBenchmark [size]}. Each stage runs once warm-up-free after OPSIN and CDK are
 * loaded; every stage uses all cores.
 */
public final class ChemBenchmark {
  private ChemBenchmark() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Molecules.nameToSmiles("ethanol"); // loads OPSIN's grammar (~1 s) outside the timings
    RoundTrip.judge("ethanol", "CCO", Stereo.STRICT, Isotopes.STRICT);
    System.out.printf("cores: %d%n", Runtime.getRuntime().availableProcessors());

    long start = System.nanoTime();
    long cpu = cpuNanos();
    List<NamedMolecule> molecules =
        new SyntheticGenerator(SyntheticConfig.defaults(size, 1)).generate();
    report(
        "synthetic generation (names drawn, OPSIN-parsed, canonicalised, de-duplicated)",
        molecules.size(),
        start,
        cpu);

    Curator curator = new Curator(CurationConfig.paper());
    start = System.nanoTime();
    cpu = cpuNanos();
    try (RowSource rows = RowSource.ofMolecules(molecules)) {
      curator.curate(rows, kept -> {}, rejected -> {});
    }
    report(
        "curation, paper recipe (every row parsed and checked; kept rows canonicalised + InChIKey)",
        molecules.size(),
        start,
        cpu);

    List<EvalExample> examples =
        molecules.stream().map(m -> new EvalExample(m.smiles(), m.name(), m.name())).toList();
    start = System.nanoTime();
    cpu = cpuNanos();
    EvalReport report = Evaluator.evaluate(examples, true, Stereo.STRICT);
    report(
        "evaluation, round trip + Tanimoto + BLEU (round trip " + report.roundtripAccuracy() + ")",
        examples.size(),
        start,
        cpu);
  }

  /**
   * Wall time and the process's CPU time: on a shared machine the wall rate says how busy the
   * others were, molecules per CPU-second what the code costs.
   */
  private static void report(String stage, int count, long startNanos, long startCpuNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpuSeconds = (cpuNanos() - startCpuNanos) / 1e9;
    System.out.printf(
        "%s: %d molecules in %.1f s = %.0f molecules/s; %.1f CPU-s = %.0f molecules per CPU-s%n",
        stage, count, seconds, count / seconds, cpuSeconds, count / cpuSeconds);
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
