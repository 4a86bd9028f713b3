package io.seqtune.core.corpus;

import io.seqtune.chem.ChemException;
import io.seqtune.chem.Molecules;
import io.seqtune.chem.NamedMolecule;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.SyntheticGenerator;
import io.seqtune.chem.ingest.LineReader;
import io.seqtune.core.NonRetryableException;
import io.seqtune.core.spec.PretrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts a pretraining spec asks for, in a fixed order, each with the molecule it names where
 * that is known (its InChIKey): synthetic molecules give their SMILES and their name as two texts;
 * a file gives one text per line (plain or gzip; {@code CID<TAB>text} keeps the text), and for
 * chemistry tasks each line is identified as SMILES, else through OPSIN as a name. Files are read a
 * batch at a time; identification runs on every core and keeps file order.
 */
final class CorpusTexts {
  private static final int BATCH = 1024;

  /** One text and the InChIKey of the molecule it names, or null. */
  record Text(String text, String inchiKey) {}

  interface Sink {
    void accept(Text text);
  }

  private CorpusTexts() {}

  /** Hands {@code spec.size()} texts (fewer when the source runs out) to {@code sink} in order. */
  static void read(PretrainSpec spec, boolean chemistry, Sink sink) {
    if ("synthetic".equals(spec.source())) {
      synthetic(spec, sink);
    } else {
      file(spec, chemistry, sink);
    }
  }

  private static void synthetic(PretrainSpec spec, Sink sink) {
    int molecules = (spec.size() + 1) / 2;
    List<NamedMolecule> generated =
        new SyntheticGenerator(SyntheticConfig.defaults(molecules, spec.seed())).generate();
    List<String> keys =
        generated.parallelStream().map(m -> Molecules.inchiKey(m.smiles())).toList();
    int emitted = 0;
    for (int i = 0; i < generated.size() && emitted < spec.size(); i++) {
      NamedMolecule m = generated.get(i);
      sink.accept(new Text(m.smiles(), keys.get(i)));
      if (++emitted < spec.size()) {
        sink.accept(new Text(m.name(), keys.get(i)));
        emitted++;
      }
    }
  }

  private static void file(PretrainSpec spec, boolean chemistry, Sink sink) {
    Path path = Path.of(spec.path());
    if (!Files.isRegularFile(path)) {
      throw NonRetryableException.invalidSpec(
          "pretrain.path: file " + path.toAbsolutePath() + " does not exist on this worker");
    }
    int read = 0;
    try (LineReader lines = new LineReader(path)) {
      List<String> batch = new ArrayList<>();
      for (String line = lines.next(); line != null && read < spec.size(); line = lines.next()) {
        String text = text(line);
        if (!text.isEmpty()) {
          batch.add(text);
          read++;
        }
        if (batch.size() == BATCH) {
          identified(batch, chemistry).forEach(sink::accept);
          batch.clear();
        }
      }
      identified(batch, chemistry).forEach(sink::accept);
    } catch (ChemException e) {
      throw NonRetryableException.invalidDataset("pretrain.path: " + e.getMessage(), e);
    }
  }

  /** The text of a line: after its last tab (PubChem's {@code CID<TAB>text}), trimmed. */
  static String text(String line) {
    return line.substring(line.lastIndexOf('\t') + 1).strip();
  }

  private static List<Text> identified(List<String> batch, boolean chemistry) {
    return batch.parallelStream().map(t -> new Text(t, chemistry ? inchiKey(t) : null)).toList();
  }

  /** The molecule a text names as SMILES or, failing that, as a name OPSIN reads; else null. */
  static String inchiKey(String text) {
    try {
      return Molecules.inchiKey(text);
    } catch (ChemException notSmiles) {
      try {
        return Molecules.nameToSmiles(text).map(Molecules::inchiKey).orElse(null);
      } catch (ChemException unreadable) {
        return null;
      }
    }
  }
}
