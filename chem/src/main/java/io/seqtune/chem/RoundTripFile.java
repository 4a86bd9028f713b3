package io.seqtune.chem;

import io.seqtune.chem.ingest.SourceRow;
import io.seqtune.chem.ingest.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks the names of a CSV/TSV/JSONL file against its structures (SMILES or InChI, detected per
 * row): the engine of {@code seqtune chem roundtrip}. On correct real-world names it should report
 * (near) 100%; a gap there means our comparison is wrong, not the names. Rows are read streaming
 * and judged in parallel batches, so memory does not grow with the file.
 */
public final class RoundTripFile {
  public static final int MAX_FAILURES = 50;

  /** The verdict id of a row that has no name or no structure. */
  public static final String MALFORMED_ROW = "malformed_row";

  private static final int BATCH = 4096;

  private RoundTripFile() {}

  /**
   * What to read and how to judge.
   *
   * @param nameColumn the column (or JSON field) with names
   * @param structureColumn the column with SMILES or InChI
   */
  public record Options(
      String nameColumn, String structureColumn, Stereo stereo, Isotopes isotopes) {}

  /**
   * One judged row, in file order.
   *
   * @param verdict a {@link Verdict} id, or {@link #MALFORMED_ROW}
   * @param reason why it is not a match (null for a match)
   */
  public record RowResult(
      long line, String name, String structure, String verdict, String reason) {}

  /**
   * Judges every row; {@code eachRow} sees every result in file order (for a CSV, a progress bar).
   */
  public static RoundTripReport run(Path input, Options options, Consumer<RowResult> eachRow) {
    Tally tally = new Tally();
    try (TableReader reader =
        TableReader.open(input, options.structureColumn(), options.nameColumn())) {
      List<SourceRow> batch = new ArrayList<>(BATCH);
      while (reader.hasNext() || !batch.isEmpty()) {
        if (reader.hasNext() && batch.size() < BATCH) {
          batch.add(reader.next());
          continue;
        }
        for (RowResult result : batch.parallelStream().map(row -> judge(row, options)).toList()) {
          tally.add(result);
          eachRow.accept(result);
        }
        batch.clear();
      }
    }
    return tally.report(input, options);
  }

  private static RowResult judge(SourceRow row, Options options) {
    if (row.isMalformed()) {
      return new RowResult(
          row.line(),
          row.name(),
          row.structure(),
          MALFORMED_ROW,
          "malformed row: " + row.problem());
    }
    RoundTrip.Judgement judgement;
    try {
      judgement =
          RoundTrip.judge(row.name(), row.structure(), options.stereo(), options.isotopes());
    } catch (ChemException e) {
      return new RowResult(
          row.line(),
          row.name(),
          row.structure(),
          Verdict.UNREADABLE_REFERENCE.id(),
          "structure unreadable: " + oneLine(e.getMessage()));
    }
    return new RowResult(
        row.line(),
        row.name(),
        row.structure(),
        judgement.verdict().id(),
        reason(row.name(), judgement));
  }

  private static String reason(String name, RoundTrip.Judgement judgement) {
    return switch (judgement.verdict()) {
      case MATCH -> null;
      // OPSIN's messages span lines; a reason is one line in the CSV and the JSON.
      case OPSIN_CANNOT_PARSE ->
          "OPSIN: "
              + Molecules.nameRejection(name)
                  .orElse("no structure")
                  .replaceAll("\\s+", " ")
                  .strip();
      default ->
          String.format(
              Locale.ROOT,
              "%s (Tanimoto %.2f)",
              judgement.verdict().id().replace('_', ' '),
              judgement.tanimoto());
    };
  }

  /** OPSIN's and CDK's messages span lines; a reason is one line in the CSV and the JSON. */
  private static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").strip();
  }

  /** Counts as rows arrive; keeps the first failures only. */
  private static final class Tally {
    private final Map<String, Long> verdicts = new LinkedHashMap<>();
    private final List<RoundTripReport.Failure> failures = new ArrayList<>();
    private long rows;

    Tally() {
      for (Verdict verdict : Verdict.values()) {
        verdicts.put(verdict.id(), 0L);
      }
      verdicts.put(MALFORMED_ROW, 0L);
    }

    void add(RowResult result) {
      rows++;
      verdicts.merge(result.verdict(), 1L, Long::sum);
      if (result.reason() != null && failures.size() < MAX_FAILURES) {
        failures.add(
            new RoundTripReport.Failure(
                result.line(), result.name(), result.structure(), result.reason()));
      }
    }

    RoundTripReport report(Path input, Options options) {
      long unreadable = verdicts.get(Verdict.UNREADABLE_REFERENCE.id());
      long malformed = verdicts.get(MALFORMED_ROW);
      long unparsed = verdicts.get(Verdict.OPSIN_CANNOT_PARSE.id());
      long matched = verdicts.get(Verdict.MATCH.id());
      long parsed = rows - unreadable - malformed - unparsed;
      return new RoundTripReport(
          input.toString(),
          options.stereo().name().toLowerCase(Locale.ROOT),
          options.isotopes().name().toLowerCase(Locale.ROOT),
          rows,
          parsed,
          matched,
          rows == 0 ? 0 : (double) parsed / rows,
          rows == 0 ? 0 : (double) matched / rows,
          unreadable,
          malformed,
          verdicts,
          failures);
    }
  }
}
