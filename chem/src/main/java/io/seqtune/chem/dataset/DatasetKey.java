package io.seqtune.chem.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.seqtune.chem.ChemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Derives a dataset's key from its spec and the bytes of its input files. */
public final class DatasetKey {
  /** Bump when the output of the same spec changes (new fields, different curation code). */
  public static final int LAYOUT_VERSION = 3;

  static final ObjectMapper CANONICAL_JSON =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private DatasetKey() {}

  /** "ds-" + 24 hex digits of sha256(layout version, canonical spec JSON, sha256 of each input). */
  public static String derive(DatasetSpec spec) {
    MessageDigest digest = sha256();
    digest.update(("seqtune-dataset-v" + LAYOUT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      digest.update(CANONICAL_JSON.writeValueAsBytes(spec));
    } catch (JsonProcessingException e) {
      throw new ChemException("cannot serialise dataset spec: " + e.getMessage(), e);
    }
    for (Path input : inputs(spec)) {
      digest.update(("\n" + fileSha256(input)).getBytes(StandardCharsets.UTF_8));
    }
    return "ds-" + HexFormat.of().formatHex(digest.digest()).substring(0, 24);
  }

  static List<Path> inputs(DatasetSpec spec) {
    List<Path> inputs = new ArrayList<>();
    spec.tables().forEach(t -> inputs.add(Path.of(t.path())));
    if (spec.pubchem() != null) {
      inputs.add(Path.of(spec.pubchem().cidSmiles()));
      inputs.add(Path.of(spec.pubchem().cidIupac()));
    }
    return inputs;
  }

  public static String fileSha256(Path file) {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new ChemException("cannot read input " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
