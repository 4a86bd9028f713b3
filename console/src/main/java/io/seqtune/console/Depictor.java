package io.seqtune.console;

import io.seqtune.chem.Molecules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openscience.cdk.depict.DepictionGenerator;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Structure pictures as SVG text: CDK's depiction of a SMILES string, or of the structure OPSIN
 * parses from a name. Empty when the input does not parse. Pictures are cached (the same worst
 * examples are drawn on every page view).
 */
public final class Depictor {
  static final int CACHE_SIZE = 2_000;

  /** A drawing of one molecule, or why there is none ({@code svg} null, {@code error} set). */
  public record Picture(String svg, String smiles, String error) {
    static Picture failed(String error) {
      return new Picture(null, null, error);
    }
  }

  private final Map<String, Picture> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Picture> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  /** The molecule a SMILES string describes. */
  public Picture smiles(String smiles) {
    return cache.computeIfAbsent("s:" + smiles, k -> draw(smiles));
  }

  /** The molecule OPSIN reads from {@code name}; "unparseable" when OPSIN rejects it. */
  public Picture name(String name) {
    return cache.computeIfAbsent(
        "n:" + name,
        k -> {
          Optional<String> smiles = Molecules.nameToSmiles(name);
          return smiles.map(this::draw).orElseGet(() -> Picture.failed("unparseable"));
        });
  }

  private Picture draw(String smiles) {
    if (smiles == null || smiles.isBlank()) {
      return Picture.failed("empty");
    }
    // ChemException (bad SMILES) is a RuntimeException, as are CDK's layout failures.
    try {
      IAtomContainer molecule = Molecules.parseSmiles(smiles);
      // A fixed 240 x 180 px box: pictures in a table line up, small molecules are not blown up.
      String svg =
          new DepictionGenerator()
              .withAtomColors()
              .withSize(240, 180)
              .withZoom(1.4)
              .depict(molecule)
              .toSvgStr("px");
      return new Picture(svg, smiles, null);
    } catch (CDKException | RuntimeException e) {
      return Picture.failed("invalid SMILES");
    }
  }
}
