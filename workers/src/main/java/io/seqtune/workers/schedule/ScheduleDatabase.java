package io.seqtune.workers.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.Scheduler;

/**
 * Quartz's persistent job store: by default an embedded H2 file database under {@code
 * <home>/schedules} (created with Quartz's own {@code tables_h2.sql} on first use), or whatever a
 * {@code quartz.properties} file names, e.g. PostgreSQL in deploy/. {@code ${NAME}} in such a file
 * is read from the environment, so passwords stay out of it. A PostgreSQL or H2 store named by URL
 * gets Quartz's tables on first use too; the database itself must exist.
 */
public final class ScheduleDatabase {
  static final String SCHEDULER_NAME = "seqtune";
  private static final String DATA_SOURCE = "seqtune";
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

  private ScheduleDatabase() {}

  /** The embedded H2 store of a dev machine, its tables created if missing. */
  public static Properties embedded(Path home) {
    Path dir = home.resolve("schedules").toAbsolutePath();
    // AUTO_SERVER lets `seqtune schedule ...` edit the file while `seqtune scheduler` holds it
    // open.
    String url = "jdbc:h2:file:" + dir.resolve("quartz") + ";AUTO_SERVER=TRUE";
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot open the schedule database in " + dir + ": " + e.getMessage(), e);
    }
    createTablesIfMissing(url, "sa", "", "tables_h2.sql", "in " + dir);
    Properties p = common();
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".provider", "hikaricp");
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".driver", "org.h2.Driver");
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".URL", url);
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".user", "sa");
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".password", "");
    p.setProperty("org.quartz.dataSource." + DATA_SOURCE + ".maxConnections", "4");
    return p;
  }

  /** A quartz.properties file (job store and data source), over seqtune's scheduler settings. */
  public static Properties fromFile(Path file, Map<String, String> env) {
    Properties p = common();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties given = new Properties();
      given.load(in);
      given
          .stringPropertyNames()
          .forEach(k -> p.setProperty(k, expand(given.getProperty(k), env, file)));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read Quartz properties " + file + ": " + e.getMessage(), e);
    }
    String source =
        "org.quartz.dataSource." + p.getProperty("org.quartz.jobStore.dataSource") + ".";
    String url = p.getProperty(source + "URL", "");
    String schema =
        url.startsWith("jdbc:postgresql:")
            ? "tables_postgres.sql"
            : url.startsWith("jdbc:h2:") ? "tables_h2.sql" : null;
    // Quartz's DDL names the tables QRTZ_*: another prefix (or a JNDI data source) brings its own
    // tables.
    if (schema != null
        && "QRTZ_".equalsIgnoreCase(p.getProperty("org.quartz.jobStore.tablePrefix"))) {
      createTablesIfMissing(
          url,
          p.getProperty(source + "user", ""),
          p.getProperty(source + "password", ""),
          schema,
          url.replaceAll("(?i)password=[^;&]*", "password=***"));
    }
    return p;
  }

  private static Properties common() {
    Properties p = new Properties();
    // Every process must use the same name: the job store keys its rows by it.
    p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // Schedules added or triggered by another process are noticed within this many milliseconds.
    p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    // A fire later than this counts as missed and follows the schedule's misfire policy.
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    return p;
  }

  private static String expand(String value, Map<String, String> env, Path file) {
    Matcher m = ENV_REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException(
            file + " refers to ${" + m.group(1) + "}, which is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    return m.appendTail(out).toString();
  }

  /**
   * Runs Quartz's own DDL when its tables are missing. On PostgreSQL this happens in one
   * transaction under an advisory lock, so schedulers starting together (clustered) create the
   * tables once.
   */
  private static void createTablesIfMissing(
      String url, String user, String password, String schemaFile, String where) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.setAutoCommit(false);
      if (postgres) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + 0x5e97 + ")");
        }
      }
      if (!tableExists(c, "QRTZ_JOB_DETAILS") && !tableExists(c, "qrtz_job_details")) {
        try (Statement s = c.createStatement()) {
          for (String statement : quartzSchema(schemaFile).split(";")) {
            String sql = statement.strip();
            // Never DROP (the tables are missing anyway) and commit once, below.
            if (!sql.isEmpty()
                && !sql.regionMatches(true, 0, "DROP ", 0, 5)
                && !sql.equalsIgnoreCase("COMMIT")) {
              s.execute(sql);
            }
          }
        }
      }
      c.commit();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(
          "cannot open the schedule database " + where + ": " + e.getMessage(), e);
    }
  }

  private static boolean tableExists(Connection c, String name) throws SQLException {
    try (ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), name, null)) {
      return tables.next();
    }
  }

  /**
   * Quartz's own DDL ({@code tables_h2.sql}, {@code tables_postgres.sql}), comment lines removed.
   */
  private static String quartzSchema(String schemaFile) throws IOException {
    try (InputStream in =
        Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + schemaFile)) {
      if (in == null) {
        throw new IOException(schemaFile + " is missing from the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.strip().startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n");
    }
  }
}
