package io.seqtune.workers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seqtune.core.spec.PipelineSpec;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schedule store of deploy/ on a real PostgreSQL: a throwaway server ({@code initdb} and {@code
 * pg_ctl} in a temp dir, on a free 127.0.0.1 port, as user {@code postgres} when the test runs as
 * root), the database made by {@code deploy/postgresql/quartz-db.sh} as in compose, and {@code
 * deploy/quartz.properties} itself with its {@code ${...}} values. Skipped when no PostgreSQL
 * server binaries are installed (Debian: {@code apt-get install postgresql}).
 */
class PostgresScheduleStoreTest {
  private static final PipelineSpec SPEC = SchedulesTest.SPEC;
  private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());
  private static final String QUARTZ_PASSWORD = "quartz-" + Long.toHexString(System.nanoTime());

  private static Path bin;
  private static Path dir;
  private static Path data;
  private static int port;
  private static boolean asPostgres;
  private static String runuser;
  private static Path repository;

  @BeforeAll
  static void startPostgres() throws Exception {
    Optional<Path> found = serverBinaries();
    assumeTrue(
        found.isPresent(),
        "PostgreSQL server binaries (initdb, pg_ctl, psql) not found on PATH or in "
            + "/usr/lib/postgresql/*/bin: skipping the PostgreSQL schedule store test (apt-get install postgresql)");
    bin = found.get();
    asPostgres = "root".equals(System.getProperty("user.name"));
    if (asPostgres) {
      runuser =
          Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
              .filter(f -> new File(f).canExecute())
              .findFirst()
              .orElse(null);
      assumeTrue(
          runuser != null,
          "running as root without runuser: cannot start PostgreSQL as user postgres");
    }
    repository = repositoryRoot();

    dir = Files.createTempDirectory("seqtune-pg");
    data = dir.resolve("data");
    Files.createDirectory(data);
    Path pwfile = Files.writeString(dir.resolve("pwfile"), ADMIN_PASSWORD + "\n");
    Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
    if (asPostgres) {
      // initdb refuses root: the server runs as postgres, which must own its directories.
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      for (Path p : List.of(dir, data, pwfile)) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        view.setGroup(users.lookupPrincipalByGroupName("postgres"));
      }
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    run(
        true,
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        "admin",
        "--auth=scram-sha-256",
        "--pwfile=" + pwfile,
        "-E",
        "UTF8",
        "--no-locale");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // TCP on loopback only, no Unix socket (nothing in /var/run/postgresql is touched).
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\nlisten_addresses = '127.0.0.1'\nport = "
            + port
            + "\nunix_socket_directories = ''\nfsync = off\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    run(
        true,
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (dir == null) {
      return;
    }
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(
            true,
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
            "stop");
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void schedulesSurviveARestartInTheDeployStore() throws Exception {
    // What compose's scheduler-db-init does: the scheduler's own role and database.
    Path script = repository.resolve("deploy/postgresql/quartz-db.sh");
    for (int i = 0; i < 2; i++) { // idempotent
      ProcessBuilder init = new ProcessBuilder("sh", script.toString());
      init.environment()
          .putAll(
              Map.of(
                  "PATH",
                  bin + File.pathSeparator + System.getenv("PATH"),
                  "PGHOST",
                  "127.0.0.1",
                  "PGPORT",
                  String.valueOf(port),
                  "PGUSER",
                  "admin",
                  "PGPASSWORD",
                  ADMIN_PASSWORD,
                  "QUARTZ_DB_PASSWORD",
                  QUARTZ_PASSWORD));
      init.environment().remove("QUARTZ_DB_USER");
      exec(init);
    }

    Map<String, String> env =
        Map.of(
            "QUARTZ_DB_HOST",
            "127.0.0.1:" + port,
            "QUARTZ_DB_USER",
            "seqtune_quartz",
            "QUARTZ_DB_PASSWORD",
            QUARTZ_PASSWORD);
    Path properties = repository.resolve("deploy/quartz.properties");
    try (Schedules schedules = Schedules.open(ScheduleDatabase.fromFile(properties, env))) {
      assertThat(schedules.list()).isEmpty();
      schedules.add("nightly", "0 0 3 * * ?", "UTC", MisfirePolicy.SKIP, SPEC);
    }
    // Created by the scheduler's own role, in its own database.
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/seqtune_quartz",
                "seqtune_quartz",
                QUARTZ_PASSWORD);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT tableowner FROM pg_tables WHERE tablename = 'qrtz_cron_triggers'")) {
      assertThat(rs.next()).as("qrtz_cron_triggers exists").isTrue();
      assertThat(rs.getString(1)).isEqualTo("seqtune_quartz");
    }

    // A restart: the tables are found, not created again, and the schedule is still there.
    try (Schedules restarted = Schedules.open(ScheduleDatabase.fromFile(properties, env))) {
      assertThat(restarted.list())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.name()).isEqualTo("nightly");
                assertThat(s.cron()).isEqualTo("0 0 3 * * ?");
                assertThat(s.timeZone()).isEqualTo("UTC");
                assertThat(s.misfire()).isEqualTo(MisfirePolicy.SKIP);
                assertThat(s.nextFireTime()).isNotNull();
              });
      restarted.delete("nightly");
      assertThat(restarted.list()).isEmpty();
    }
    try (Schedules reopened = Schedules.open(ScheduleDatabase.fromFile(properties, env))) {
      assertThat(reopened.list()).isEmpty();
    }
  }

  /**
   * The directory holding initdb, pg_ctl and psql: PATH first, then Debian's versioned directories.
   */
  private static Optional<Path> serverBinaries() throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .map(v -> v.resolve("bin"))
            .sorted(Comparator.comparing((Path p) -> versionOf(p.getParent())).reversed())
            .forEach(candidates::add);
      }
    }
    for (Path candidate : candidates) {
      Path initdb = candidate.resolve("initdb");
      if (Files.isExecutable(initdb)) {
        Path real =
            initdb.toRealPath().getParent(); // Debian's symlinks point into the versioned bin
        if (Stream.of("pg_ctl", "psql").allMatch(t -> Files.isExecutable(real.resolve(t)))) {
          return Optional.of(real);
        }
      }
    }
    return Optional.empty();
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Path repositoryRoot() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isRegularFile(d.resolve("deploy/quartz.properties"))) {
      d = d.getParent();
    }
    assertThat(d).as("repository root (a parent holding deploy/quartz.properties)").isNotNull();
    return d;
  }

  /** Runs a server command, as user postgres when this test runs as root. */
  private static void run(boolean server, String... command) throws Exception {
    List<String> line = new ArrayList<>();
    if (server && asPostgres) {
      line.addAll(List.of(runuser, "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    exec(new ProcessBuilder(line).directory(dir.toFile()));
  }

  private static void exec(ProcessBuilder process) throws Exception {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p = process.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          String.join(" ", process.command()) + " timed out:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    Path serverLog = dir.resolve("server.log");
    assertThat(p.exitValue())
        .as(
            "%s\n%s%s",
            String.join(" ", process.command()),
            output,
            Files.isReadable(serverLog) ? "\nserver log:\n" + Files.readString(serverLog) : "")
        .isZero();
  }
}
