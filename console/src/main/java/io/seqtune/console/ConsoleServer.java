package io.seqtune.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.seqtune.core.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The web console: pages at {@code /}, {@code /runs/<runId>}, {@code /models}, {@code /schedules},
 * {@code /sweeps}, and the JSON API they use under {@code /api/}. Read-only (any method but GET and
 * HEAD is refused with 405), loopback unless a token guards it, and no answer carries the object
 * store's secret key.
 */
public final class ConsoleServer implements AutoCloseable {
  static final String TOKEN_COOKIE = "seqtune_console";
  static final List<String> PAGES =
      List.of("/", "/runs", "/runs/{runId}", "/models", "/schedules", "/sweeps");
  // Scripts and styles from this server only; pictures are inline SVG or PNG from the API.
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
          + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

  private final Javalin app;
  private final ConsoleApi api;
  private final ConsoleOptions options;

  private ConsoleServer(Javalin app, ConsoleApi api, ConsoleOptions options) {
    this.app = app;
    this.api = api;
    this.options = options;
  }

  /**
   * Starts the console on {@code options}' address.
   *
   * @param store where runs, reports, the registry and sweeps are read from (never written)
   * @param live the freshest state of running runs, {@link LiveStatus#NONE} without one
   * @param schedules the retraining schedules, {@link ScheduleSource#NONE} without a store
   */
  public static ConsoleServer start(
      ConsoleOptions options, ObjectStore store, LiveStatus live, ScheduleSource schedules) {
    options.validate();
    ObjectMapper json = new ObjectMapper();
    ConsoleApi api = new ConsoleApi(store, json, live, schedules, options.temporalWorkflows());
    Redactor redactor = new Redactor(store.settings().secretKey());
    Assets assets = new Assets();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = options.host();
              config.jetty.port = options.port();
              config.http.prefer405over404 = true;
              config.routes.before(ctx -> guard(ctx, options));
              for (String page : PAGES) {
                config.routes.get(page, ctx -> send(ctx, assets.page()));
              }
              config.routes.get(
                  "/assets/{name}",
                  ctx ->
                      assets
                          .get(ctx.pathParam("name"))
                          .ifPresentOrElse(
                              a -> send(ctx, a), () -> notFound(ctx, "no such asset")));
              config.routes.get(
                  "/api/runs",
                  ctx ->
                      sendJson(
                          ctx,
                          redactor,
                          json,
                          api.runs(
                              ctx.queryParam("status"),
                              ctx.queryParam("task"),
                              ctx.queryParam("q"))));
              config.routes.get(
                  "/api/runs/{runId}",
                  ctx ->
                      sendJsonOr404(ctx, redactor, json, api.run(ctx.pathParam("runId")), "run"));
              config.routes.get(
                  "/api/runs/{runId}/evaluation",
                  ctx ->
                      sendJsonOr404(
                          ctx, redactor, json, api.evaluation(ctx.pathParam("runId")), "report"));
              config.routes.get("/api/models", ctx -> sendJson(ctx, redactor, json, api.models()));
              config.routes.get(
                  "/api/models/{task}/{version}/card",
                  ctx ->
                      api.modelCard(ctx.pathParam("task"), ctx.pathParam("version"))
                          .ifPresentOrElse(
                              md ->
                                  ctx.contentType("text/markdown; charset=utf-8")
                                      .result(redactor.scrub(md)),
                              () -> notFound(ctx, "no such model card")));
              config.routes.get(
                  "/api/schedules", ctx -> sendJson(ctx, redactor, json, api.schedules()));
              config.routes.get("/api/sweeps", ctx -> sendJson(ctx, redactor, json, api.sweeps()));
              config.routes.get(
                  "/api/sweeps/{sweepId}/plots/{file}",
                  ctx ->
                      api.sweepPlot(ctx.pathParam("sweepId"), ctx.pathParam("file"))
                          .ifPresentOrElse(
                              png -> ctx.contentType("image/png").result(png),
                              () -> notFound(ctx, "no such plot")));
              config.routes.get(
                  "/api/depict",
                  ctx -> {
                    String smiles = ctx.queryParam("smiles");
                    String name = ctx.queryParam("name");
                    if (smiles == null && name == null) {
                      ctx.status(400).result("give ?smiles=... or ?name=...");
                      return;
                    }
                    Depictor.Picture p = api.depict(smiles, name);
                    if (p.svg() == null) {
                      notFound(ctx, p.error());
                    } else {
                      ctx.contentType("image/svg+xml").result(p.svg());
                    }
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) ->
                      ctx.status(502)
                          .contentType("text/plain; charset=utf-8")
                          .result(redactor.scrub("console: " + e.getMessage())));
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      api.close();
      throw new IllegalStateException(
          "cannot serve the console on "
              + options.host()
              + ":"
              + options.port()
              + " (is the port taken? choose another): "
              + e.getMessage(),
          e);
    }
    return new ConsoleServer(app, api, options);
  }

  /**
   * Read-only and, with a token, authenticated: a browser brings the token once as {@code ?token=},
   * which becomes a cookie; scripts send {@code Authorization: Bearer <token>}.
   */
  private static void guard(Context ctx, ConsoleOptions options) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Cache-Control", "no-store");
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      ctx.header("Allow", "GET, HEAD");
      ctx.status(405).result("the seqtune console is read-only: " + ctx.method() + " refused");
      ctx.skipRemainingHandlers();
      return;
    }
    if (options.token() == null) {
      return;
    }
    String query = ctx.queryParam("token");
    if (query != null && same(query, options.token())) {
      ctx.cookie(new Cookie(TOKEN_COOKIE, query, "/", -1, false, true, null, SameSite.STRICT));
      ctx.redirect(ctx.path());
      ctx.skipRemainingHandlers();
      return;
    }
    String bearer = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    String presented =
        bearer.startsWith("Bearer ") ? bearer.substring(7) : ctx.cookie(TOKEN_COOKIE);
    if (presented == null || !same(presented, options.token())) {
      ctx.status(401).result("the seqtune console needs its token: open it with ?token=<token>");
      ctx.skipRemainingHandlers();
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Context ctx, Assets.Asset asset) {
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private static void notFound(Context ctx, String why) {
    ctx.status(404).contentType("text/plain; charset=utf-8").result(why);
  }

  private static void sendJson(Context ctx, Redactor redactor, ObjectMapper json, Object value)
      throws JsonProcessingException {
    ctx.contentType("application/json").result(redactor.scrub(json.writeValueAsString(value)));
  }

  private static void sendJsonOr404(
      Context ctx, Redactor redactor, ObjectMapper json, Optional<?> value, String what)
      throws JsonProcessingException {
    if (value.isPresent()) {
      sendJson(ctx, redactor, json, value.get());
    } else {
      notFound(ctx, "no such " + what);
    }
  }

  public int port() {
    return app.port();
  }

  /** The address to open, {@code http://127.0.0.1:PORT/} on loopback. */
  public String url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + host + ":" + port() + "/";
  }

  /** The start-up line: where it is, and how it is guarded when it is beyond loopback. */
  public String banner() {
    return "console    "
        + url()
        + (options.loopback()
            ? ""
            : "   (bound beyond loopback: every request needs "
                + ConsoleOptions.TOKEN_ENV
                + "; open it once with ?token=...)");
  }

  @Override
  public void close() {
    app.stop();
    api.close();
  }
}
