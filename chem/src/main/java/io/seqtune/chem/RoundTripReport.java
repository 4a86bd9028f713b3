package io.seqtune.chem;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Round trip of a file of (name, structure) pairs: how many names OPSIN parses and how many parse
 * to the given structure. Rows whose structure cannot be read are counted apart (a data problem).
 *
 * @param verdicts every {@link Verdict} id and {@code malformed_row}, with how many rows got it
 * @param failures the first failing rows, with file line and reason
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RoundTripReport(
    String file,
    String stereo,
    String isotopes,
    long rows,
    long parsed,
    long matched,
    double parseRate,
    double roundtripAccuracy,
    long unreadableStructures,
    long malformedRows,
    Map<String, Long> verdicts,
    List<Failure> failures) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Failure(long line, String name, String structure, String reason) {}
}
