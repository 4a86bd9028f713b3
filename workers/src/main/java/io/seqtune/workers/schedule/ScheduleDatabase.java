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

/**
 * Quartz's persistent job store: by default an embedded H2 file database under
 * {@code <home>/schedules} (created with Quartz's own {@code tables_h2.sql} on first use), or
 * whatever a {@code quartz.properties} file names, e.g. PostgreSQL in deploy/. {@code ${NAME}} in
 * such a file is read from the environment, so passwords stay out of it.
 */
public final class ScheduleDatabase {
  static final String SCHEDULER_NAME = "seqtune";
  private static final String DATA_SOURCE = "seqtune";
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

  private ScheduleDatabase() {}

  /** The embedded H2 store of a dev machine, its tables created if missing. */
  public static Properties embedded(Path home) {
    Path dir = home.resolve("schedules").toAbsolutePath();
    // AUTO_SERVER lets `seqtune schedule ...` edit the file while `seqtune scheduler` holds it open.
    String url = "jdbc:h2:file:" + dir.resolve("quartz") + ";AUTO_SERVER=TRUE";
    createTablesIfMissing(dir, url);
    Properties p = common();
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
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
      given.stringPropertyNames().forEach(k -> p.setProperty(k, expand(given.getProperty(k), env, file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Quartz properties " + file + ": " + e.getMessage(), e);
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
        throw new IllegalArgumentException(file + " refers to ${" + m.group(1) + "}, which is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    return m.appendTail(out).toString();
  }

  private static void createTablesIfMissing(Path dir, String url) {
    try {
      Files.createDirectories(dir);
      try (Connection c = DriverManager.getConnection(url, "sa", "");
           ResultSet tables = c.getMetaData().getTables(null, null, "QRTZ_JOB_DETAILS", null)) {
        if (tables.next()) {
          return;
        }
        try (Statement s = c.createStatement()) {
          for (String statement : quartzH2Schema().split(";")) {
            if (!statement.isBlank()) {
              s.execute(statement);
            }
          }
        }
      }
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot open the schedule database in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Quartz's own H2 DDL, comment lines removed. */
  private static String quartzH2Schema() throws IOException {
    try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_h2.sql")) {
      if (in == null) {
        throw new IOException("tables_h2.sql is missing from the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.strip().startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n");
    }
  }
}
