package io.seqtune.chem;

import java.util.ArrayList;
import java.util.List;

/**
 * A standard InChI cut into the layers a comparison may keep or drop: the main layer (formula,
 * connections, hydrogens), charge ({@code /q}) and protonation ({@code /p}), stereo ({@code /b /t
 * /m /s}) and the isotopic layer ({@code /i} and the isotopic sub-layers after it). Layers hold
 * every component of a multi-component structure, so dropping a layer drops it for all of them.
 */
record InchiLayers(String main, String charge, String stereo, String isotopic) {

  static InchiLayers of(String inchi) {
    int prefixEnd = inchi.indexOf('/');
    String[] tokens = inchi.substring(prefixEnd + 1).split("/", -1);
    StringBuilder main = new StringBuilder(inchi.substring(0, prefixEnd));
    StringBuilder charge = new StringBuilder();
    StringBuilder stereo = new StringBuilder();
    StringBuilder isotopic = new StringBuilder();
    boolean inIsotopic = false;
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      char layer = i == 0 ? 'f' : token.isEmpty() ? ' ' : token.charAt(0);
      inIsotopic |= layer == 'i';
      StringBuilder target =
          inIsotopic
              ? isotopic
              : switch (layer) {
                case 'q', 'p' -> charge;
                case 'b', 't', 'm', 's' -> stereo;
                default -> main;
              };
      target.append('/').append(token);
    }
    return new InchiLayers(
        main.toString(), charge.toString(), stereo.toString(), isotopic.toString());
  }

  /**
   * The comparison key under the given rules; isotopic stereo sub-layers go with stereo.
   *
   * @param withCharge false only to test whether two structures differ in charge alone
   */
  String key(Stereo stereoRule, Isotopes isotopeRule, boolean withCharge) {
    StringBuilder key = new StringBuilder(main);
    if (withCharge) {
      key.append(charge);
    }
    if (stereoRule == Stereo.STRICT) {
      key.append(stereo);
    }
    if (isotopeRule == Isotopes.STRICT) {
      key.append(stereoRule == Stereo.STRICT ? isotopic : withoutStereo(isotopic));
    }
    return key.toString();
  }

  private static String withoutStereo(String isotopicLayers) {
    List<String> kept = new ArrayList<>();
    for (String token : isotopicLayers.split("/")) {
      if (!token.isEmpty() && "btms".indexOf(token.charAt(0)) < 0) {
        kept.add(token);
      }
    }
    return kept.isEmpty() ? "" : "/" + String.join("/", kept);
  }

  /** Why two structures that differ under the rules differ, most specific class first. */
  Verdict compare(InchiLayers other, Stereo stereoRule, Isotopes isotopeRule) {
    if (key(stereoRule, isotopeRule, true).equals(other.key(stereoRule, isotopeRule, true))) {
      return Verdict.MATCH;
    }
    if (key(stereoRule, isotopeRule, false).equals(other.key(stereoRule, isotopeRule, false))) {
      return Verdict.CHARGE_ONLY;
    }
    if (key(Stereo.IGNORE, isotopeRule, true).equals(other.key(Stereo.IGNORE, isotopeRule, true))) {
      return Verdict.STEREO_ONLY;
    }
    if (key(stereoRule, Isotopes.IGNORE, true)
        .equals(other.key(stereoRule, Isotopes.IGNORE, true))) {
      return Verdict.ISOTOPE_ONLY;
    }
    if (key(Stereo.IGNORE, Isotopes.IGNORE, true)
        .equals(other.key(Stereo.IGNORE, Isotopes.IGNORE, true))) {
      return Verdict.STEREO_ONLY;
    }
    return Verdict.DIFFERENT_STRUCTURE;
  }
}
