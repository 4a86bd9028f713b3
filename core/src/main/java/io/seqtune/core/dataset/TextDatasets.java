package io.seqtune.core.dataset;

import io.seqtune.chem.curation.CurationCounts;
import io.seqtune.chem.curation.CurationRule;
import io.seqtune.chem.curation.Rejection;
import io.seqtune.chem.dataset.DatasetBuilder;
import io.seqtune.chem.dataset.DatasetBuilder.BuiltDataset;
import io.seqtune.chem.dataset.DatasetKey;
import io.seqtune.chem.dataset.DatasetManifest;
import io.seqtune.chem.dataset.DatasetSpec;
import io.seqtune.chem.dataset.DatasetWriter;
import io.seqtune.chem.dataset.LeakageCheck;
import io.seqtune.chem.dataset.ShardRow;
import io.seqtune.chem.dataset.Split;
import io.seqtune.chem.dataset.SplitAssigner;
import io.seqtune.chem.ingest.SourceRow;
import io.seqtune.chem.ingest.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dataset of plain text pairs (task {@code text}) in chem's directory layout: the table's rows,
 * no chemistry curation (malformed rows are quarantined), each row split by a seeded hash of its
 * input text so that one input never lands in two splits; with {@code maxRows}, the first rows
 * kept.
 */
final class TextDatasets {
  private TextDatasets() {}

  static BuiltDataset build(DatasetSpec spec, Path root) {
    String key = DatasetKey.derive(spec);
    Path directory = root.resolve(key);
    if (Files.exists(directory.resolve(DatasetManifest.FILE_NAME))) {
      return new BuiltDataset(directory, DatasetBuilder.readManifest(directory), true);
    }
    SplitAssigner splitter = new SplitAssigner(spec.split());
    LeakageCheck leakage = new LeakageCheck();
    Map<String, String> inputs = new LinkedHashMap<>();
    long read = 0;
    long malformed = 0;
    long keepAtMost = spec.maxRows() == null ? Long.MAX_VALUE : spec.maxRows();
    try (DatasetWriter writer = new DatasetWriter(root, key, spec.shardSize())) {
      for (DatasetSpec.TableInput table : spec.tables()) {
        Path file = Path.of(table.path());
        inputs.put(file.toString(), DatasetKey.fileSha256(file));
        try (TableReader rows = TableReader.open(file, table.smilesColumn(), table.nameColumn())) {
          while (read - malformed < keepAtMost && rows.hasNext()) {
            SourceRow row = rows.next();
            read++;
            if (row.isMalformed()) {
              malformed++;
              writer.quarantine(Rejection.of(row, CurationRule.MALFORMED_ROW, row.problem()));
              continue;
            }
            Split split = splitter.assign(row.structure());
            leakage.record(split, row.structure());
            writer.add(split, ShardRow.pair(row.structure(), row.name(), row.source()));
          }
        }
      }
      CurationCounts counts =
          new CurationCounts(
              read, read - malformed, Map.of(CurationRule.MALFORMED_ROW.id(), malformed), 0);
      return new BuiltDataset(directory, writer.finish(spec, inputs, counts), false);
    }
  }
}
