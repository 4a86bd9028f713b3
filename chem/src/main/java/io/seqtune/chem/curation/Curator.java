package io.seqtune.chem.curation;

import io.seqtune.chem.NamedMolecule;
import io.seqtune.chem.ingest.RowSource;
import io.seqtune.chem.ingest.SourceRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies the curation recipe to a stream of rows. Rows are checked in parallel batches (the CDK
 * work) and de-duplicated in input order (first occurrence wins), so results are deterministic and
 * memory is bounded by the batch plus the de-duplication hashes.
 */
public final class Curator {
  private static final int BATCH = 8192;

  private final CurationConfig config;
  private final MoleculeChecks checks;
  private final SeenKeys smilesSeen = new SeenKeys();
  private final SeenKeys structuresSeen = new SeenKeys();
  private final SeenKeys namesSeen = new SeenKeys();
  private final Map<CurationRule, Long> removed = new EnumMap<>(CurationRule.class);
  private long rowsRead;
  private long kept;

  public Curator(CurationConfig config) {
    this.config = config;
    this.checks = new MoleculeChecks(config);
  }

  /**
   * Curates every row of the source; kept molecules and rejections are handed over in input order.
   */
  public void curate(RowSource rows, Consumer<CuratedMolecule> keep, Consumer<Rejection> reject) {
    curate(rows, keep, reject, Long.MAX_VALUE);
  }

  /**
   * As {@link #curate(RowSource, Consumer, Consumer)}, but stops reading once this curator has kept
   * {@code keepAtMost} molecules (counted over all its calls): rows after that are neither read nor
   * counted.
   */
  public void curate(
      RowSource rows, Consumer<CuratedMolecule> keep, Consumer<Rejection> reject, long keepAtMost) {
    List<SourceRow> batch = new ArrayList<>(BATCH);
    while (kept < keepAtMost && rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == BATCH) {
        curateBatch(batch, keep, reject, keepAtMost);
        batch.clear();
      }
    }
    curateBatch(batch, keep, reject, keepAtMost);
  }

  public CurationCounts counts(long unmatchedIds) {
    Map<String, Long> byRule = new LinkedHashMap<>();
    for (CurationRule rule : CurationRule.values()) {
      byRule.put(rule.id(), removed.getOrDefault(rule, 0L));
    }
    return new CurationCounts(rowsRead, kept, byRule, unmatchedIds);
  }

  private void curateBatch(
      List<SourceRow> batch,
      Consumer<CuratedMolecule> keep,
      Consumer<Rejection> reject,
      long keepAtMost) {
    List<MoleculeChecks.Verdict> verdicts =
        batch.parallelStream()
            .map(
                row ->
                    row.isMalformed()
                        ? MoleculeChecks.Verdict.reject(CurationRule.MALFORMED_ROW, row.problem())
                        : checks.check(row.structure()))
            .toList();
    for (int i = 0; i < batch.size() && kept < keepAtMost; i++) {
      rowsRead++;
      SourceRow row = batch.get(i);
      MoleculeChecks.Verdict verdict = verdicts.get(i);
      CurationRule broken = verdict.passed() ? duplicateRule(verdict, row.name()) : verdict.rule();
      if (broken == null) {
        kept++;
        keep.accept(
            new CuratedMolecule(
                new NamedMolecule(verdict.canonicalSmiles(), row.name(), row.source()),
                verdict.inchiKey()));
      } else {
        removed.merge(broken, 1L, Long::sum);
        String detail =
            verdict.passed() ? duplicateDetail(broken, verdict, row.name()) : verdict.detail();
        reject.accept(Rejection.of(row, broken, detail));
      }
    }
  }

  /**
   * Checks and records the row's SMILES, structure and name; the first of them seen before is the
   * rule broken.
   */
  private CurationRule duplicateRule(MoleculeChecks.Verdict verdict, String name) {
    if (!config.dedupStructures()) {
      return config.dedupNames() && !namesSeen.add(name) ? CurationRule.DUPLICATE_NAME : null;
    }
    if (!smilesSeen.add(verdict.canonicalSmiles())) {
      return CurationRule.DUPLICATE_SMILES;
    }
    if (!structuresSeen.add(verdict.inchiKey())) {
      return CurationRule.DUPLICATE_STRUCTURE;
    }
    return config.dedupNames() && !namesSeen.add(name) ? CurationRule.DUPLICATE_NAME : null;
  }

  private static String duplicateDetail(
      CurationRule rule, MoleculeChecks.Verdict verdict, String name) {
    return switch (rule) {
      case DUPLICATE_SMILES -> "canonical SMILES seen before: " + verdict.canonicalSmiles();
      case DUPLICATE_STRUCTURE -> "InChIKey seen before: " + verdict.inchiKey();
      default -> "name seen before: " + name;
    };
  }
}
