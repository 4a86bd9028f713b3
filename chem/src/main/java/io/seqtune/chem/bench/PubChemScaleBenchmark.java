package io.seqtune.chem.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.NamedMolecule;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.SyntheticGenerator;
import io.seqtune.chem.curation.CurationConfig;
import io.seqtune.chem.dataset.DatasetBuilder;
import io.seqtune.chem.dataset.DatasetSpec;
import io.seqtune.chem.dataset.SplitConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * PubChem-scale data handling: N synthetic pairs written as PubChem's bulk files ({@code
 * CID-SMILES.gz}, {@code CID-IUPAC.gz}: CID, tab, value, sorted by CID), then a dataset built from
 * them by the PubChem merge join, curation and the shard writer. The build streams, so its peak
 * live heap should stay flat as N grows; only the de-duplication keys (16 bytes a row) grow.
 */
public final class PubChemScaleBenchmark {
  private static final long SAMPLE_MILLIS = 2_000;

  private PubChemScaleBenchmark() {}

  /**
   * One size's figures.
   *
   * @param rows pairs written (distinct structures from the generator)
   * @param generationPerSecond synthetic pairs generated per second (names drawn, OPSIN-validated)
   * @param writeSeconds writing both gzip files
   * @param buildPerSecond input rows per second through join, curation and shard writing
   * @param keptRows rows in the dataset
   * @param buildPeakHeapMb the largest live heap during the build (sampled after full collections)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Result(
      int rows,
      double generationSeconds,
      double generationPerSecond,
      double writeSeconds,
      double buildSeconds,
      double buildPerSecond,
      long keptRows,
      double buildPeakHeapMb,
      double heapMaxMb) {}

  private record Written(int rows, double generationSeconds, double writeSeconds) {}

  public static Result run(int rows, long seed, Path workDir) {
    Path smiles = workDir.resolve("CID-SMILES.gz");
    Path names = workDir.resolve("CID-IUPAC.gz");
    // The generator's output is out of scope before the build, which is measured on its own.
    Written written = writeSynthetic(rows, seed, smiles, names);
    DatasetSpec spec =
        DatasetSpec.builder()
            .pubchem(new DatasetSpec.PubChemInput(smiles.toString(), names.toString()))
            .curation(CurationConfig.validityOnly())
            .split(SplitConfig.defaults(seed))
            .format("bare", "Translate the SMILES string into its IUPAC name.")
            .build();
    DatasetBuilder.BuiltDataset built;
    long peak;
    long start = System.nanoTime();
    try (PeakHeap heap = new PeakHeap(SAMPLE_MILLIS)) {
      built = DatasetBuilder.build(spec, workDir.resolve("datasets"));
      peak = heap.stop();
    }
    double build = seconds(start);
    long kept = built.manifest().rowsBySplit().values().stream().mapToLong(Long::longValue).sum();
    return new Result(
        written.rows(),
        written.generationSeconds(),
        written.rows() / written.generationSeconds(),
        written.writeSeconds(),
        build,
        written.rows() / build,
        kept,
        peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static Written writeSynthetic(int rows, long seed, Path smiles, Path names) {
    long start = System.nanoTime();
    List<NamedMolecule> molecules =
        new SyntheticGenerator(SyntheticConfig.defaults(rows, seed)).generate();
    double generation = seconds(start);
    start = System.nanoTime();
    writePubChemFiles(molecules, smiles, names);
    return new Written(molecules.size(), generation, seconds(start));
  }

  /** PubChem's layout: {@code CID<TAB>value} lines in CID order, CIDs from 1. */
  public static void writePubChemFiles(List<NamedMolecule> molecules, Path smiles, Path names) {
    try (BufferedWriter s = gzipWriter(smiles);
        BufferedWriter n = gzipWriter(names)) {
      long cid = 0;
      for (NamedMolecule molecule : molecules) {
        cid++;
        s.write(cid + "\t" + molecule.smiles() + "\n");
        n.write(cid + "\t" + molecule.name() + "\n");
      }
    } catch (IOException e) {
      throw new ChemException("cannot write PubChem files in " + smiles.getParent() + ": " + e, e);
    }
  }

  private static BufferedWriter gzipWriter(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8),
        1 << 16);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
