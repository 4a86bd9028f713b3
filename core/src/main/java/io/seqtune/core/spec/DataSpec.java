package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where the examples come from and how they become instruction text.
 *
 * <p>{@code source}: {@code synthetic} (OPSIN-validated generated pairs), {@code file} (CSV, TSV or
 * JSONL at {@code path} with {@code inputColumn}/{@code outputColumn}) or {@code pubchem} ({@code
 * path} = CID-SMILES.gz, {@code namesPath} = CID-IUPAC.gz).
 *
 * <p>{@code inputColumn}/{@code outputColumn} name the columns of the model's input and output, so
 * for {@code iupac2smiles} they default to {@code iupac}/{@code smiles}. {@code size} is the number
 * of synthetic pairs (default 4000); for file and PubChem sources it keeps the first {@code size}
 * curated pairs in file order and stops reading there (so a sweep's sizes nest), and without it
 * they are read whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    String source,
    Integer size,
    Long seed,
    String path,
    String namesPath,
    String inputColumn,
    String outputColumn,
    String format,
    String template,
    Double valFraction,
    Double testFraction,
    Boolean curate,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final DataSpec EMPTY =
      new DataSpec(
          null, null, null, null, null, null, null, null, null, null, null, null, Map.of());
  public static final List<String> SOURCES = List.of("synthetic", "file", "pubchem");
  public static final List<String> FORMATS = List.of("bare", "instruction", "chat", "separator");

  DataSpec withDefaults(Task task) {
    String resolvedSource = source == null ? (task.chemistry() ? "synthetic" : "file") : source;
    return new DataSpec(
        resolvedSource,
        size == null && "synthetic".equals(resolvedSource) ? Integer.valueOf(4000) : size,
        seed == null ? 7L : seed,
        path,
        namesPath,
        inputColumn == null ? task.inputColumn() : inputColumn,
        outputColumn == null ? task.outputColumn() : outputColumn,
        format == null ? "separator" : format,
        template,
        valFraction == null ? 0.05 : valFraction,
        testFraction == null ? 0.05 : testFraction,
        curate == null ? Boolean.FALSE : curate,
        unknown == null ? Map.of() : unknown);
  }

  /** The custom template if there is one, else the built-in format's id. */
  public String formatOrTemplate() {
    return template != null ? template : format;
  }

  /** {@code task} is null when the spec's task is unknown (reported by the spec). */
  void validate(Task task, List<String> problems) {
    Unknown.report("data.", unknown, problems);
    if (!SOURCES.contains(source)) {
      problems.add("data.source: '" + source + "' is not one of " + SOURCES);
    }
    if ("synthetic".equals(source) && task != null && !task.chemistry()) {
      problems.add("data.source: synthetic data exists for chemistry tasks only; give a file");
    }
    if (("file".equals(source) || "pubchem".equals(source)) && (path == null || path.isBlank())) {
      problems.add("data.path: required for source '" + source + "'");
    }
    if ("pubchem".equals(source) && (namesPath == null || namesPath.isBlank())) {
      problems.add("data.namesPath: required for source 'pubchem' (the CID-IUPAC.gz file)");
    }
    if (size != null && size < 10) {
      problems.add("data.size: " + size + " is too small (at least 10 examples)");
    }
    if (template == null && !FORMATS.contains(format)) {
      problems.add(
          "data.format: '" + format + "' is not one of " + FORMATS + " (or give data.template)");
    }
    if (template != null && !template.contains("{input}")) {
      problems.add("data.template: must contain the placeholder {input}");
    }
    if (valFraction <= 0 || testFraction <= 0 || valFraction + testFraction >= 0.5) {
      problems.add("data.valFraction/testFraction: each must be > 0 and together < 0.5");
    }
  }
}
