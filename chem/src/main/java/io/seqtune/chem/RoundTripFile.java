package io.seqtune.chem;

import io.seqtune.chem.ingest.SourceRow;
import io.seqtune.chem.ingest.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the names of a CSV/TSV/JSONL file against its structures (SMILES or InChI, detected per
 * row): the engine of {@code seqtune chem roundtrip}. On correct real-world names it should report
 * (near) 100%; a gap there means our comparison is wrong, not the names.
 */
public final class RoundTripFile {
  public static final int MAX_FAILURES = 50;
  private static final int BATCH = 4096;

  private RoundTripFile() {}

  private record Outcome(SourceRow row, RoundTrip.Judgement judgement, String error) {}

  public static RoundTripReport run(
      Path input, String nameColumn, String structureColumn, Stereo stereo) {
    long rows = 0;
    long parsed = 0;
    long matched = 0;
    long unreadable = 0;
    long malformed = 0;
    List<RoundTripReport.Failure> failures = new ArrayList<>();
    try (TableReader reader = TableReader.open(input, structureColumn, nameColumn)) {
      List<SourceRow> batch = new ArrayList<>(BATCH);
      while (reader.hasNext() || !batch.isEmpty()) {
        if (reader.hasNext() && batch.size() < BATCH) {
          batch.add(reader.next());
          continue;
        }
        for (Outcome outcome : batch.parallelStream().map(row -> judge(row, stereo)).toList()) {
          SourceRow row = outcome.row();
          rows++;
          String reason;
          if (row.isMalformed()) {
            malformed++;
            reason = "malformed row: " + row.problem();
          } else if (outcome.error() != null) {
            unreadable++;
            reason = "structure unreadable: " + outcome.error();
          } else {
            parsed += outcome.judgement().parsed() ? 1 : 0;
            matched += outcome.judgement().matched() ? 1 : 0;
            reason =
                !outcome.judgement().parsed()
                    ? "OPSIN: " + Molecules.nameRejection(row.name()).orElse("no structure")
                    : outcome.judgement().matched()
                        ? null
                        : String.format(
                            Locale.ROOT,
                            "different structure (Tanimoto %.2f)",
                            outcome.judgement().tanimoto());
          }
          if (reason != null && failures.size() < MAX_FAILURES) {
            failures.add(
                new RoundTripReport.Failure(row.line(), row.name(), row.structure(), reason));
          }
        }
        batch.clear();
      }
    }
    return new RoundTripReport(
        input.toString(),
        stereo.name().toLowerCase(Locale.ROOT),
        rows,
        parsed,
        matched,
        rows == 0 ? 0 : (double) parsed / rows,
        rows == 0 ? 0 : (double) matched / rows,
        unreadable,
        malformed,
        failures);
  }

  private static Outcome judge(SourceRow row, Stereo stereo) {
    if (row.isMalformed()) {
      return new Outcome(row, null, null);
    }
    try {
      return new Outcome(row, RoundTrip.judge(row.name(), row.structure(), stereo), null);
    } catch (ChemException e) {
      return new Outcome(row, null, e.getMessage());
    }
  }
}
