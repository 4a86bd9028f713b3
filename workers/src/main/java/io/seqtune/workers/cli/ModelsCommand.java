package io.seqtune.workers.cli;

import io.seqtune.core.registry.Champion;
import io.seqtune.core.registry.ModelRegistry;
import io.seqtune.core.registry.ModelVersion;
import io.seqtune.core.store.ObjectStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the registry's model versions and each task's champion. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List model versions in the registry (S3_ENDPOINT).")
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--task", description = "Only this task.")
  String task;

  @Option(names = "--json", description = "One JSON object per version, one per line.")
  boolean json;

  @Override
  public Integer call() {
    try (ObjectStore store = Cli.store()) {
      ModelRegistry registry = new ModelRegistry(store);
      List<ModelVersion> versions = registry.versions(task);
      Map<String, Optional<Champion>> champions = new LinkedHashMap<>();
      for (ModelVersion v : versions) {
        champions.computeIfAbsent(v.task(), registry::champion);
      }
      if (versions.isEmpty() && !json) {
        System.out.println("no model versions yet: run `seqtune demo` or a pipeline");
      }
      for (ModelVersion v : versions) {
        boolean champion =
            champions.get(v.task()).map(c -> c.version().equals(v.version())).orElse(false);
        if (json) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("version", v.version());
          row.put("task", v.task());
          row.put("metrics", v.metrics());
          row.put("champion", champion);
          row.put("weights_sha256", v.weightsSha256());
          row.put("base_model", v.baseModel());
          row.put("dataset", v.datasetKey());
          row.put("created_at", v.createdAt());
          System.out.println(Cli.json(row));
        } else {
          System.out.printf(
              "%-14s %-40s %s %s%n",
              v.task(), v.version() + (champion ? " (champion)" : ""), v.createdAt(), v.metrics());
        }
      }
    }
    return 0;
  }
}
