package io.seqtune.chem.curation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What curation did: rows read, rows kept, and rows removed per rule (rule id → count, every rule
 * listed).
 *
 * @param unmatchedIds PubChem CIDs found in only one of the two files (0 for table inputs)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CurationCounts(
    long rowsRead, long kept, Map<String, Long> removedByRule, long unmatchedIds) {}
