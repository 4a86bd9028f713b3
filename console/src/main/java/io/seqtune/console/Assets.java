package io.seqtune.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The pages' static files, read once from the class path: the console's own page, script and style,
 * and uPlot from its WebJar. Nothing is fetched from the network, by the server or the browser.
 */
final class Assets {
  static final String PAGE = "index.html";
  private static final String OWN = "/io/seqtune/console/web/";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  /** A file and its content type. */
  record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> byName = new LinkedHashMap<>();

  Assets() {
    for (String name : new String[] {PAGE, "console.js", "console.css"}) {
      byName.put(name, new Asset(read(OWN + name), type(name)));
    }
    String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    byName.put("uPlot.iife.min.js", new Asset(read(uplot + "uPlot.iife.min.js"), type(".js")));
    byName.put("uPlot.min.css", new Asset(read(uplot + "uPlot.min.css"), type(".css")));
  }

  Optional<Asset> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  Asset page() {
    return byName.get(PAGE);
  }

  private static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in = Assets.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException("uPlot's WebJar is not on the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("console resource " + resource + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }
}
