package io.seqtune.workers.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Static checks of {@code deploy/}: the compose stack, the Kubernetes manifests, Prometheus,
 * Grafana and the Dockerfiles agree with docs/architecture.md (environment variables, metric names)
 * and with each other (ports, task queues, Secrets), and no credential is committed. Reads files
 * only: no Docker, no network; where Debian's docker-compose is installed (.ci/run installs it) it
 * also runs {@code docker-compose config -q}, which parses the files without an engine.
 */
class DeployManifestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> REQUIRED_SERVICES =
      Set.of(
          "temporal",
          "postgresql",
          "temporal-ui",
          "minio",
          "minio-init",
          "prometheus",
          "grafana",
          "pipeline-worker",
          "trainer-worker",
          "scheduler-db-init",
          "scheduler");
  private static final Set<String> WORKERS = Set.of("pipeline-worker", "trainer-worker");
  private static final Map<String, Integer> PUBLISHED_PORTS =
      Map.of("temporal", 7233, "minio", 9000, "temporal-ui", 8080, "grafana", 3000);
  private static final int METRICS_PORT = 9464;

  /** The compose file and its overrides (mTLS to Temporal, CPU-only machines). */
  private static final List<String> COMPOSE_FILES =
      List.of("docker-compose.yml", "docker-compose.mtls.yml", "docker-compose.cpu.yml");

  private static final List<String> PIPELINE_ARGS =
      List.of("worker", "--queues", "seqtune-pipeline");
  private static final List<String> TRAINER_ARGS =
      List.of("worker", "--queues", "seqtune-gpu", "--device", "gpu");

  /**
   * The retraining scheduler: the worker image, no metrics port, its job store named by
   * quartz.properties.
   */
  private static final String SCHEDULER = "scheduler";

  /** What deploy/quartz.properties reads from the environment. */
  private static final Set<String> QUARTZ_ENV =
      Set.of("QUARTZ_DB_HOST", "QUARTZ_DB_USER", "QUARTZ_DB_PASSWORD");

  /** Names whose values are credentials: they may only be references, never literals. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASSWORD|PASSWD|PWD|SECRET|TOKEN|PRIVATE).*");

  /** The S3 access key is no secret on its own, but it is a credential: handled like one. */
  private static final String ACCESS_KEY = "S3_ACCESS_KEY";

  /**
   * A compose reference that must be supplied ({@code ${X}}, {@code ${X:?msg}}), not one with a
   * default.
   */
  private static final Pattern REQUIRED_REFERENCE =
      Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*(:?\\?[^}]*)?}");

  /** {@code ${X}}, {@code ${X:-d}}, {@code ${X:?m}}, ... but not the escaped {@code $${X}}. */
  private static final Pattern INTERPOLATION =
      Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)([^}]*)}");

  private static final Pattern KEY_MATERIAL =
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|seqtune-dev-secret");
  private static final Pattern METRIC = Pattern.compile("\\b((?:seqtune|temporal)_[a-z0-9_]+)");

  /** What Prometheus exposition adds to a counter, histogram or summary name. */
  private static final Pattern SAMPLE_SUFFIX = Pattern.compile("_(sum|count|bucket|max|created)$");

  private static Path deploy;
  private static Set<String> documentedEnv;
  private static Set<String> documentedMetrics;

  @BeforeAll
  static void readTheContract() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("deploy/docker-compose.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root (a parent holding deploy/docker-compose.yml)").isNotNull();
    deploy = dir.resolve("deploy");
    String architecture = Files.readString(dir.resolve("docs/architecture.md"));

    // The first column of the "Runtime wiring" table names the variables, in backticks.
    documentedEnv = new TreeSet<>();
    for (String line : section(architecture, "## Runtime wiring").split("\n")) {
      if (line.startsWith("|")) {
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]*)`").matcher(line.split("\\|")[1]);
        while (m.find()) {
          documentedEnv.add(m.group(1));
        }
      }
    }
    documentedMetrics = new TreeSet<>();
    Matcher m =
        Pattern.compile("seqtune_[a-z0-9_]+").matcher(section(architecture, "## Metric names"));
    while (m.find()) {
      documentedMetrics.add(m.group());
    }
    assertThat(documentedEnv).contains("TEMPORAL_ADDRESS", "S3_SECRET_KEY", "METRICS_PORT");
    assertThat(documentedMetrics).contains("seqtune_train_loss");
  }

  // ---------------------------------------------------------------------------------- compose

  @Test
  void composeDefinesEveryServiceWithPinnedImages() {
    JsonNode services = compose().get("services");
    assertThat(fieldNames(services)).containsAll(REQUIRED_SERVICES);
    services
        .fields()
        .forEachRemaining(
            s -> {
              assertThat(s.getValue().has("image"))
                  .as("service %s names its image", s.getKey())
                  .isTrue();
              assertPinned(
                  resolveDefaults(s.getValue().get("image").asText()), "service " + s.getKey());
            });
    assertThat(services.get("temporal").get("image").asText()).startsWith("temporalio/auto-setup:");
    assertThat(env(services.get("temporal")))
        .containsEntry("DB", "postgres12")
        .containsEntry("POSTGRES_SEEDS", "postgresql");
    assertThat(services.get("temporal-ui").get("image").asText()).startsWith("temporalio/ui:");
    assertThat(services.get("minio-init").get("image").asText()).contains("minio/mc:");
  }

  /**
   * Docker Compose itself parses each file combination (no engine needed), with deploy/.env.example
   * completed by throwaway values; skipped where Debian's docker-compose is not installed.
   */
  @Test
  void dockerComposeAcceptsEveryFileCombination(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose not installed");
    StringBuilder env = new StringBuilder();
    for (String line : Files.readAllLines(deploy.resolve(".env.example"))) {
      String uncommented = line.startsWith("#TEMPORAL_TLS_DIR=") ? "TEMPORAL_TLS_DIR=" + tmp : line;
      env.append(
              uncommented.matches("[A-Z][A-Z0-9_]*=") ? uncommented + "x".repeat(24) : uncommented)
          .append('\n');
    }
    Path envFile = Files.writeString(tmp.resolve("env"), env);
    for (List<String> files :
        List.of(
            List.of("docker-compose.yml"),
            List.of("docker-compose.yml", "docker-compose.mtls.yml"),
            List.of("docker-compose.yml", "docker-compose.cpu.yml"))) {
      List<String> command =
          new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString()));
      files.forEach(f -> command.addAll(List.of("-f", deploy.resolve(f).toString())));
      command.addAll(List.of("config", "-q"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  @Test
  void composePublishesTheDocumentedPorts() {
    JsonNode services = compose().get("services");
    PUBLISHED_PORTS.forEach(
        (service, port) -> {
          List<String> mappings =
              texts(services.get(service).get("ports")).stream()
                  .map(DeployManifestsTest::resolveDefaults)
                  .collect(Collectors.toList());
          assertThat(mappings)
              .as("ports of %s", service)
              .anySatisfy(
                  p -> {
                    String[] parts = p.replace("/tcp", "").split(":");
                    assertThat(parts[parts.length - 1]).isEqualTo(String.valueOf(port));
                    assertThat(parts[parts.length - 2]).isEqualTo(String.valueOf(port));
                  });
        });
    for (String worker : WORKERS) {
      assertThat(env(services.get(worker)))
          .containsEntry("METRICS_PORT", String.valueOf(METRICS_PORT));
    }
  }

  @Test
  void composeWorkersPollTheirQueuesAndTheTrainerReservesAnNvidiaGpu() {
    JsonNode services = compose().get("services");
    assertThat(texts(services.get("pipeline-worker").get("command"))).isEqualTo(PIPELINE_ARGS);
    assertThat(texts(services.get("trainer-worker").get("command"))).isEqualTo(TRAINER_ARGS);

    JsonNode devices = services.get("trainer-worker").at("/deploy/resources/reservations/devices");
    assertThat(devices.isArray() && devices.size() > 0)
        .as("trainer-worker reserves devices")
        .isTrue();
    assertThat(devices)
        .anySatisfy(
            d -> {
              assertThat(d.get("driver").asText()).isEqualTo("nvidia");
              assertThat(texts(d.get("capabilities"))).contains("gpu");
            });
    assertThat(
            services
                .get("pipeline-worker")
                .at("/deploy/resources/reservations/devices")
                .isMissingNode())
        .isTrue();

    // Without a GPU, the CPU worker takes both queues.
    JsonNode cpu = yaml(deploy.resolve("docker-compose.cpu.yml")).get(0).get("services");
    assertThat(texts(cpu.get("pipeline-worker").get("command")))
        .isEqualTo(List.of("worker", "--queues", "seqtune-pipeline,seqtune-gpu"));
  }

  @Test
  void composeWorkersGetOnlyDocumentedVariables() {
    for (String file : COMPOSE_FILES) {
      yaml(deploy.resolve(file))
          .get(0)
          .get("services")
          .fields()
          .forEachRemaining(
              s -> {
                if (WORKERS.contains(s.getKey())) {
                  assertThat(env(s.getValue()).keySet())
                      .as("%s in %s", s.getKey(), file)
                      .isSubsetOf(documentedEnv);
                }
              });
    }
    assertThat(env(compose().get("services").get("pipeline-worker")).keySet())
        .containsAll(
            Set.of(
                "TEMPORAL_ADDRESS",
                "TEMPORAL_NAMESPACE",
                "S3_ENDPOINT",
                "S3_ACCESS_KEY",
                "S3_SECRET_KEY",
                "S3_BUCKET"));
  }

  @Test
  void composeCredentialsAreRequiredReferencesNeverValues() throws IOException {
    for (String file : COMPOSE_FILES) {
      JsonNode services = yaml(deploy.resolve(file)).get(0).get("services");
      services
          .fields()
          .forEachRemaining(
              s ->
                  env(s.getValue())
                      .forEach(
                          (key, value) -> {
                            if (isCredential(key)) {
                              assertThat(value)
                                  .as("%s of %s must be ${VAR} or ${VAR:?...}", key, s.getKey())
                                  .matches(REQUIRED_REFERENCE);
                            }
                          }));
    }
    // The example env file documents every secret but fills in none.
    envExample()
        .forEach(
            (key, value) -> {
              if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as("%s in deploy/.env.example", key).isEmpty();
              }
            });
  }

  @Test
  void everyComposeVariableIsDeclaredInTheEnvExample() throws IOException {
    Set<String> declared = new TreeSet<>(envExample().keySet());
    // .env.example lists commented-out optional variables as "#NAME=value".
    for (String line : Files.readAllLines(deploy.resolve(".env.example"))) {
      Matcher m = Pattern.compile("^#\\s*([A-Z][A-Z0-9_]*)=").matcher(line);
      if (m.find()) {
        declared.add(m.group(1));
      }
    }
    for (String file : COMPOSE_FILES) {
      for (String value : scalars(yaml(deploy.resolve(file)).get(0))) {
        Matcher m = INTERPOLATION.matcher(value);
        while (m.find()) {
          assertThat(declared)
              .as("${%s} of %s is declared in deploy/.env.example", m.group(1), file)
              .contains(m.group(1));
        }
      }
    }
  }

  @Test
  void minioInitCreatesTheBucketAndPrometheusScrapesBothWorkers() throws IOException {
    JsonNode init = compose().get("services").get("minio-init");
    assertThat(env(init)).containsEntry("S3_BUCKET", "${S3_BUCKET:-seqtune}");
    String script = Files.readString(deploy.resolve("minio/init.sh"));
    assertThat(script).contains("mc mb --ignore-existing", "mc admin user add");

    JsonNode scrape =
        yaml(deploy.resolve("prometheus/prometheus.yml")).get(0).get("scrape_configs");
    Set<String> targets = new TreeSet<>();
    for (JsonNode job : scrape) {
      for (JsonNode sd : job.path("dns_sd_configs")) {
        assertThat(sd.get("port").asInt()).isEqualTo(METRICS_PORT);
        assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        targets.addAll(texts(sd.get("names")));
      }
    }
    assertThat(targets).containsAll(WORKERS);
  }

  @Test
  void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() {
    JsonNode grafana = compose().get("services").get("grafana");
    JsonNode datasource =
        yaml(deploy.resolve("grafana/provisioning/datasources/prometheus.yml"))
            .get(0)
            .get("datasources")
            .get(0);
    assertThat(datasource.get("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");

    String dashboards =
        yaml(deploy.resolve("grafana/provisioning/dashboards/seqtune.yml"))
            .get(0)
            .get("providers")
            .get(0)
            .at("/options/path")
            .asText();
    assertThat(texts(grafana.get("volumes")))
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:" + dashboards + ":ro");
    assertThat(env(grafana))
        .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", dashboards + "/seqtune.json");
  }

  // ------------------------------------------------------------------------------- Dockerfiles

  @Test
  void dockerfilesPinTheirBaseImagesAndRunOffline() throws IOException {
    for (String name : List.of("worker.Dockerfile", "trainer-cuda.Dockerfile")) {
      String dockerfile = Files.readString(deploy.resolve("docker/" + name));
      List<String> images = baseImages(dockerfile);
      assertThat(images).as("base images of %s", name).isNotEmpty();
      images.forEach(image -> assertPinned(image, name));
      assertThat(images).anyMatch(i -> i.startsWith("eclipse-temurin:17"));
      assertThat(dockerfile)
          .contains(
              "COPY --from=build /src/workers/target/seqtune.jar /app/seqtune.jar",
              "COPY --from=build /src/workers/target/lib/ /app/lib/",
              "mvn -B",
              "-DskipTests package");
      assertThat(instruction(dockerfile, "ENTRYPOINT"))
          .contains("\"-Dai.djl.offline=true\"", "\"-jar\", \"/app/seqtune.jar\"");
    }
    String cuda = Files.readString(deploy.resolve("docker/trainer-cuda.Dockerfile"));
    assertThat(baseImages(cuda)).anyMatch(i -> i.startsWith("nvidia/cuda:12.8"));
    assertThat(cuda)
        .contains(
            "PYTORCH_FLAVOR=cu128", "DJL_CACHE_DIR=/opt/djl", "rm /app/lib/pytorch-native-cpu-");
    assertThat(instruction(cuda, "CMD")).contains("\"seqtune-gpu\"", "\"--device\", \"gpu\"");
    String cpu = Files.readString(deploy.resolve("docker/worker.Dockerfile"));
    assertThat(instruction(cpu, "CMD")).contains("\"seqtune-pipeline\"");
  }

  @Test
  void bothImagesShareOneBuildContextFilter() throws IOException {
    String worker = Files.readString(deploy.resolve("docker/worker.Dockerfile.dockerignore"));
    assertThat(Files.readString(deploy.resolve("docker/trainer-cuda.Dockerfile.dockerignore")))
        .isEqualTo(worker);
    assertThat(worker.lines())
        .contains(".git", "**/target", ".seqtune", "deploy/*.env", "deploy/k8s/secret.yaml");
  }

  // ------------------------------------------------------------------------------- Kubernetes

  @Test
  void kustomizationListsEveryManifestButTheSecretTemplate() throws IOException {
    JsonNode kustomization = yaml(deploy.resolve("k8s/kustomization.yaml")).get(0);
    assertThat(kustomization.get("namespace").asText()).isEqualTo("seqtune");
    Set<String> files;
    try (Stream<Path> list = Files.list(deploy.resolve("k8s"))) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .filter(
                  n ->
                      !Set.of("kustomization.yaml", "secret.template.yaml", "secret.yaml")
                          .contains(n))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(new TreeSet<>(texts(kustomization.get("resources")))).isEqualTo(files);
    for (JsonNode object : k8sObjects()) {
      assertThat(object.has("apiVersion") && object.has("kind")).isTrue();
      if (!object.get("kind").asText().equals("Namespace")) {
        assertThat(object.at("/metadata/namespace").asText()).as(name(object)).isEqualTo("seqtune");
      }
    }
  }

  @Test
  void kubernetesWorkersPollTheirQueuesWithPinnedImages() {
    assertThat(texts(container("pipeline-worker").get("args"))).isEqualTo(PIPELINE_ARGS);
    assertThat(texts(container("trainer-worker").get("args"))).isEqualTo(TRAINER_ARGS);
    for (String worker : WORKERS) {
      assertPinned(container(worker).get("image").asText(), "Deployment " + worker);
    }
  }

  @Test
  void kubernetesTrainerRequestsOneGpuAndToleratesGpuNodes() {
    JsonNode resources = container("trainer-worker").get("resources");
    assertThat(resources.at("/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
    assertThat(resources.at("/requests/nvidia.com~1gpu").asText()).isEqualTo("1");
    assertThat(deployment("trainer-worker").at("/spec/template/spec/tolerations"))
        .anySatisfy(t -> assertThat(t.get("key").asText()).isEqualTo("nvidia.com/gpu"));
    assertThat(container("pipeline-worker").at("/resources/limits/nvidia.com~1gpu").isMissingNode())
        .isTrue();
    for (String worker : WORKERS) {
      JsonNode r = container(worker).get("resources");
      assertThat(r.at("/requests/memory").isTextual() && r.at("/limits/memory").isTextual())
          .as("%s sets memory requests and limits", worker)
          .isTrue();
    }
  }

  @Test
  void kubernetesWorkersGetOnlyDocumentedVariablesAndSecretsOnlyFromSecrets() {
    JsonNode config = object("ConfigMap", "seqtune-config");
    assertThat(fieldNames(config.get("data")))
        .isSubsetOf(documentedEnv)
        .noneMatch(DeployManifestsTest::isCredential);
    assertThat(config.at("/data/METRICS_PORT").asText()).isEqualTo(String.valueOf(METRICS_PORT));

    Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
    for (JsonNode secret : yaml(deploy.resolve("k8s/secret.template.yaml"))) {
      assertThat(secret.get("kind").asText()).isEqualTo("Secret");
      assertThat(secret.has("data"))
          .as("templates use stringData placeholders, never base64 data")
          .isFalse();
      secret
          .get("stringData")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(e.getValue().asText())
                      .as("placeholder of %s", e.getKey())
                      .matches("<[^<>]+>"));
      secretKeys.put(secret.at("/metadata/name").asText(), fieldNames(secret.get("stringData")));
    }

    for (String worker : WORKERS) {
      JsonNode c = container(worker);
      assertThat(c.get("envFrom"))
          .allSatisfy(
              from ->
                  assertThat(from.at("/configMapRef/name").asText()).isEqualTo("seqtune-config"));
      for (JsonNode var : c.path("env")) {
        String key = var.get("name").asText();
        assertThat(documentedEnv).as("%s of %s is documented", key, worker).contains(key);
        if (isCredential(key)) {
          JsonNode ref = var.at("/valueFrom/secretKeyRef");
          assertThat(var.has("value")).as("%s of %s is no literal", key, worker).isFalse();
          assertThat(secretKeys.getOrDefault(ref.path("name").asText(), Set.of()))
              .as("%s of %s comes from a Secret of secret.template.yaml", key, worker)
              .contains(ref.path("key").asText());
        }
      }
    }
  }

  @Test
  void kubernetesMtlsFilesAreMountedWhereTheConfigPoints() {
    JsonNode config = object("ConfigMap", "seqtune-config").get("data");
    for (String worker :
        Stream.concat(WORKERS.stream(), Stream.of(SCHEDULER)).collect(Collectors.toList())) {
      JsonNode pod = deployment(worker).at("/spec/template/spec");
      String volume =
          StreamSupport.stream(pod.get("volumes").spliterator(), false)
              .filter(v -> v.at("/secret/secretName").asText().equals("seqtune-temporal-tls"))
              .map(v -> v.get("name").asText())
              .findFirst()
              .orElseThrow();
      String mountPath =
          StreamSupport.stream(container(worker).get("volumeMounts").spliterator(), false)
              .filter(m -> m.get("name").asText().equals(volume))
              .map(m -> m.get("mountPath").asText())
              .findFirst()
              .orElseThrow();
      Map<String, String> files =
          Map.of(
              "TEMPORAL_TLS_CERT",
              "tls.crt",
              "TEMPORAL_TLS_KEY",
              "tls.key",
              "TEMPORAL_TLS_CA",
              "ca.crt");
      files.forEach(
          (key, file) -> assertThat(config.path(key).asText()).isEqualTo(mountPath + "/" + file));
    }
  }

  @Test
  void kubernetesMetricsPortProbesAndScrapeAnnotationsAgree() {
    for (String worker : WORKERS) {
      JsonNode c = container(worker);
      JsonNode port = c.get("ports").get(0);
      assertThat(port.get("containerPort").asInt()).isEqualTo(METRICS_PORT);
      for (String probe : List.of("livenessProbe", "startupProbe")) {
        JsonNode get = c.at("/" + probe + "/httpGet");
        assertThat(get.get("path").asText()).isEqualTo("/metrics");
        assertThat(get.get("port").asText())
            .isIn(port.get("name").asText(), String.valueOf(METRICS_PORT));
      }
      assertScrapeAnnotations(deployment(worker).at("/spec/template/metadata/annotations"));
    }
    JsonNode service = object("Service", "seqtune-worker-metrics");
    assertScrapeAnnotations(service.at("/metadata/annotations"));
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(METRICS_PORT);
    assertThat(service.at("/spec/selector/app.kubernetes.io~1part-of").asText())
        .isEqualTo(
            deployment("trainer-worker")
                .at("/spec/template/metadata/labels/app.kubernetes.io~1part-of")
                .asText());
  }

  // ------------------------------------------------------------------------------- scheduler

  @Test
  void composeSchedulerUsesQuartzPropertiesOnItsOwnDatabase() throws IOException {
    JsonNode services = compose().get("services");
    JsonNode scheduler = services.get(SCHEDULER);
    assertThat(texts(scheduler.get("command"))).isEqualTo(List.of("scheduler"));
    assertThat(scheduler.get("image").asText())
        .isEqualTo(services.get("pipeline-worker").get("image").asText());
    Map<String, String> env = env(scheduler);
    assertThat(env.keySet())
        .as("scheduler variables: documented or read by quartz.properties")
        .isSubsetOf(
            Stream.concat(documentedEnv.stream(), QUARTZ_ENV.stream()).collect(Collectors.toSet()))
        .containsAll(QUARTZ_ENV)
        .contains("TEMPORAL_ADDRESS", "SEQTUNE_QUARTZ_PROPERTIES");
    assertThat(texts(scheduler.get("volumes")))
        .contains("./quartz.properties:" + env.get("SEQTUNE_QUARTZ_PROPERTIES") + ":ro");
    assertThat(env).containsEntry("QUARTZ_DB_HOST", "postgresql");
    assertThat(scheduler.at("/depends_on/scheduler-db-init/condition").asText())
        .isEqualTo("service_completed_successfully");

    // The init step makes the role and database that quartz.properties names, in the same
    // PostgreSQL.
    JsonNode init = services.get("scheduler-db-init");
    assertThat(init.get("image").asText())
        .isEqualTo(services.get("postgresql").get("image").asText());
    assertThat(env(init))
        .containsEntry("PGHOST", "postgresql")
        .containsEntry("QUARTZ_DB_USER", env.get("QUARTZ_DB_USER"))
        .containsEntry("QUARTZ_DB_PASSWORD", env.get("QUARTZ_DB_PASSWORD"));
    assertThat(texts(init.get("volumes")))
        .contains("./postgresql/quartz-db.sh:/init/quartz-db.sh:ro");
    String script = Files.readString(deploy.resolve("postgresql/quartz-db.sh"));
    String database =
        quartzProperties().getProperty("org.quartz.dataSource.seqtune.URL").replaceFirst(".*/", "");
    assertThat(database).isEqualTo("seqtune_quartz");
    assertThat(script)
        .contains("CREATE DATABASE " + database, "CREATE ROLE", "\\getenv pw QUARTZ_DB_PASSWORD");

    // With mTLS to Temporal, the scheduler gets the client certificate too.
    JsonNode mtls = yaml(deploy.resolve("docker-compose.mtls.yml")).get(0).get("services");
    assertThat(env(mtls.get(SCHEDULER)))
        .containsKeys("TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY", "TEMPORAL_TLS_CA");
  }

  @Test
  void quartzPropertiesNamePostgresqlWithValuesFromTheEnvironment() throws IOException {
    Properties quartz = quartzProperties();
    assertThat(quartz.getProperty("org.quartz.jobStore.driverDelegateClass"))
        .isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    assertThat(quartz.getProperty("org.quartz.dataSource.seqtune.URL"))
        .startsWith("jdbc:postgresql://");
    Set<String> referenced = new TreeSet<>();
    quartz
        .stringPropertyNames()
        .forEach(
            k -> {
              Matcher m = INTERPOLATION.matcher(quartz.getProperty(k));
              while (m.find()) {
                referenced.add(m.group(1));
              }
            });
    assertThat(referenced).isEqualTo(QUARTZ_ENV);
    assertThat(quartz.getProperty("org.quartz.dataSource.seqtune.password"))
        .matches(REQUIRED_REFERENCE);
  }

  @Test
  void kubernetesSchedulerMountsTheSameQuartzPropertiesAndReadsCredentialsFromASecret()
      throws IOException {
    JsonNode c = container(SCHEDULER);
    assertThat(texts(c.get("args"))).isEqualTo(List.of("scheduler"));
    assertPinned(c.get("image").asText(), "Deployment scheduler");
    assertThat(c.get("image").asText())
        .isEqualTo(container("pipeline-worker").get("image").asText());
    Properties quartz = quartzProperties();
    // One replica, or more only when the job store is clustered.
    if (!Boolean.parseBoolean(quartz.getProperty("org.quartz.jobStore.isClustered"))) {
      assertThat(deployment(SCHEDULER).at("/spec/replicas").asInt()).isEqualTo(1);
    }

    // The ConfigMap holds deploy/quartz.properties, mounted where SEQTUNE_QUARTZ_PROPERTIES points.
    Properties inCluster = new Properties();
    inCluster.load(
        new StringReader(
            object("ConfigMap", "seqtune-quartz").at("/data/quartz.properties").asText()));
    assertThat(inCluster).isEqualTo(quartz);
    JsonNode pod = deployment(SCHEDULER).at("/spec/template/spec");
    String volume =
        StreamSupport.stream(pod.get("volumes").spliterator(), false)
            .filter(v -> v.at("/configMap/name").asText().equals("seqtune-quartz"))
            .map(v -> v.get("name").asText())
            .findFirst()
            .orElseThrow();
    String mountPath =
        StreamSupport.stream(c.get("volumeMounts").spliterator(), false)
            .filter(m -> m.get("name").asText().equals(volume))
            .map(m -> m.get("mountPath").asText())
            .findFirst()
            .orElseThrow();

    Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
    for (JsonNode secret : yaml(deploy.resolve("k8s/secret.template.yaml"))) {
      secretKeys.put(secret.at("/metadata/name").asText(), fieldNames(secret.get("stringData")));
    }
    Map<String, JsonNode> vars = new LinkedHashMap<>();
    c.path("env").forEach(v -> vars.put(v.get("name").asText(), v));
    assertThat(vars.keySet())
        .containsAll(QUARTZ_ENV)
        .contains("SEQTUNE_QUARTZ_PROPERTIES")
        .isSubsetOf(
            Stream.concat(documentedEnv.stream(), QUARTZ_ENV.stream()).collect(Collectors.toSet()));
    assertThat(vars.get("SEQTUNE_QUARTZ_PROPERTIES").get("value").asText())
        .isEqualTo(mountPath + "/quartz.properties");
    for (String key : List.of("QUARTZ_DB_USER", "QUARTZ_DB_PASSWORD")) {
      JsonNode ref = vars.get(key).at("/valueFrom/secretKeyRef");
      assertThat(vars.get(key).has("value")).as("%s is no literal", key).isFalse();
      assertThat(secretKeys.getOrDefault(ref.path("name").asText(), Set.of()))
          .as("%s comes from a Secret of secret.template.yaml", key)
          .contains(ref.path("key").asText());
    }
    assertThat(c.get("envFrom"))
        .allSatisfy(
            from -> assertThat(from.at("/configMapRef/name").asText()).isEqualTo("seqtune-config"));
  }

  // --------------------------------------------------------------------------------- Grafana

  @Test
  void dashboardIsAGrafanaDashboardWithARunVariable() throws IOException {
    JsonNode dashboard = dashboard();
    assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(38);
    assertThat(dashboard.get("uid").asText()).isNotBlank();
    List<String> variables = dashboard.at("/templating/list").findValuesAsText("name");
    assertThat(variables).contains("run_id", "datasource");

    Set<Integer> ids = new TreeSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt()))
          .as("unique panel id %s", panel.get("id"))
          .isTrue();
      assertThat(panel.has("gridPos")).isTrue();
      titles.add(panel.get("title").asText());
      if (panel.get("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.get("targets"))
          .as("queries of %s", panel.get("title"))
          .isNotEmpty()
          .allSatisfy(
              t -> {
                String expr = t.get("expr").asText();
                // Run metrics are filtered by the run variable; activity counters are per activity
                // type.
                if (expr.contains("seqtune_") && !expr.contains("seqtune_activity_")) {
                  assertThat(expr)
                      .as("panel %s filters by run", panel.get("title"))
                      .contains("run_id=~\"$run_id\"");
                }
              });
    }
    assertThat(titles)
        .contains(
            "Training loss",
            "Tokens per second",
            "Step time",
            "Epoch",
            "Step",
            "Eval metrics",
            "Checkpoint bytes uploaded",
            "Checkpoint upload latency",
            "Activity attempts",
            "Activity failures",
            "Activity execution latency",
            "Task queue polls");
  }

  @Test
  void dashboardUsesDocumentedMetricsAndTemporalSdkMetricsOnly() throws IOException {
    Set<String> sdkMetrics = temporalSdkMetricNames();
    Set<String> seqtuneUsed = new TreeSet<>();
    Set<String> temporalUsed = new TreeSet<>();
    Matcher m = METRIC.matcher(queries(dashboard()));
    while (m.find()) {
      (m.group(1).startsWith("seqtune_") ? seqtuneUsed : temporalUsed).add(m.group(1));
    }
    for (String metric : seqtuneUsed) {
      assertThat(
              documentedMetrics.contains(metric)
                  || documentedMetrics.contains(SAMPLE_SUFFIX.matcher(metric).replaceFirst("")))
          .as("%s is in docs/architecture.md's metric list", metric)
          .isTrue();
    }
    // Every documented metric is shown somewhere.
    for (String metric : documentedMetrics) {
      assertThat(seqtuneUsed)
          .as("the dashboard shows %s", metric)
          .anyMatch(
              used ->
                  used.equals(metric)
                      || SAMPLE_SUFFIX.matcher(used).replaceFirst("").equals(metric));
    }
    // Micrometer's Prometheus names: counters get _total, timers _seconds with _sum/_count/_max.
    assertThat(temporalUsed)
        .isNotEmpty()
        .allSatisfy(
            metric ->
                assertThat(sdkMetrics)
                    .as("%s is a Temporal SDK metric", metric)
                    .contains(
                        metric.replaceFirst("(_total|_seconds(_sum|_count|_max|_bucket)?)$", "")));
  }

  // ----------------------------------------------------------------------------- everything

  @Test
  void noCredentialOrKeyMaterialIsCommitted() throws IOException {
    try (Stream<Path> files = Files.walk(deploy)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String name = file.getFileName().toString();
        if ((name.endsWith(".env") && !name.equals(".env.example")) || name.equals("secret.yaml")) {
          continue; // git-ignored local files that hold the real values
        }
        assertThat(KEY_MATERIAL.matcher(Files.readString(file)).find())
            .as("%s holds no private key, access key or dev secret", deploy.relativize(file))
            .isFalse();
      }
    }
  }

  // -------------------------------------------------------------------------------- helpers

  private static boolean isCredential(String name) {
    return SECRET_NAME.matcher(name).matches() || name.equals(ACCESS_KEY);
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading);
    if (start < 0) {
      fail("docs/architecture.md has no section \"" + heading + "\"");
    }
    int end = markdown.indexOf("\n## ", start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** Every YAML document of a file as a JSON tree; SnakeYAML resolves anchors and merge keys. */
  private static List<JsonNode> yaml(Path file) {
    try {
      List<JsonNode> documents = new ArrayList<>();
      for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
        if (document != null) {
          documents.add(JSON.valueToTree(document));
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties quartzProperties() throws IOException {
    Properties quartz = new Properties();
    try (Reader in = Files.newBufferedReader(deploy.resolve("quartz.properties"))) {
      quartz.load(in);
    }
    return quartz;
  }

  private static JsonNode compose() {
    return yaml(deploy.resolve("docker-compose.yml")).get(0);
  }

  private static JsonNode dashboard() throws IOException {
    return JSON.readTree(deploy.resolve("grafana/dashboards/seqtune.json").toFile());
  }

  private static Map<String, String> envExample() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(deploy.resolve(".env.example"))) {
      int eq = line.indexOf('=');
      if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  /** A compose service's environment, written either as a map or as a list of KEY=VALUE. */
  private static Map<String, String> env(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else {
      for (String entry : texts(node)) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    }
    return env;
  }

  /** {@code ${VAR:-default}} and {@code ${VAR-default}} become their defaults. */
  private static String resolveDefaults(String value) {
    return Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:?-([^}]*)}").matcher(value).replaceAll("$1");
  }

  /** A registry image reference with an explicit tag other than latest, or a digest. */
  private static void assertPinned(String image, String where) {
    assertThat(image).as("image of %s is fully resolved", where).doesNotContain("${");
    if (image.contains("@sha256:")) {
      return;
    }
    String lastSegment = image.substring(image.lastIndexOf('/') + 1);
    assertThat(lastSegment).as("image %s of %s has a tag", image, where).contains(":");
    String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
    assertThat(tag)
        .as("tag of %s (%s)", image, where)
        .isNotBlank()
        .isNotEqualToIgnoringCase("latest");
  }

  /** The images a Dockerfile pulls: FROM and COPY --from references, with ARG defaults applied. */
  private static List<String> baseImages(String dockerfile) {
    Map<String, String> args = new LinkedHashMap<>();
    Set<String> stages = new TreeSet<>();
    List<String> images = new ArrayList<>();
    for (String line : dockerfile.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words[0].equals("ARG") && words.length > 1 && words[1].contains("=")) {
        args.put(
            words[1].substring(0, words[1].indexOf('=')),
            words[1].substring(words[1].indexOf('=') + 1));
      } else if (words[0].equals("FROM")) {
        String image = substitute(words[1], args);
        if (!stages.contains(image)) {
          images.add(image);
        }
        if (words.length > 3 && words[2].equalsIgnoreCase("AS")) {
          stages.add(words[3]);
        }
      } else if (words[0].equals("COPY")) {
        for (String word : words) {
          if (word.startsWith("--from=") && !stages.contains(word.substring(7))) {
            images.add(substitute(word.substring(7), args));
          }
        }
      }
    }
    return images;
  }

  private static String substitute(String text, Map<String, String> args) {
    for (Map.Entry<String, String> arg : args.entrySet()) {
      text =
          text.replace("${" + arg.getKey() + "}", arg.getValue())
              .replace("$" + arg.getKey(), arg.getValue());
    }
    return text;
  }

  private static String instruction(String dockerfile, String keyword) {
    return dockerfile
        .lines()
        .filter(l -> l.startsWith(keyword + " "))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + keyword));
  }

  private static List<JsonNode> k8sObjects() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (String resource :
        texts(yaml(deploy.resolve("k8s/kustomization.yaml")).get(0).get("resources"))) {
      objects.addAll(yaml(deploy.resolve("k8s").resolve(resource)));
    }
    return objects;
  }

  private static JsonNode object(String kind, String name) {
    try {
      return k8sObjects().stream()
          .filter(
              o ->
                  o.get("kind").asText().equals(kind)
                      && o.at("/metadata/name").asText().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode deployment(String name) {
    return object("Deployment", name);
  }

  private static JsonNode container(String deployment) {
    JsonNode containers = deployment(deployment).at("/spec/template/spec/containers");
    assertThat(containers.size()).as("containers of %s", deployment).isEqualTo(1);
    return containers.get(0);
  }

  private static void assertScrapeAnnotations(JsonNode annotations) {
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText())
        .isEqualTo(String.valueOf(METRICS_PORT));
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  private static String name(JsonNode object) {
    return object.get("kind").asText() + " " + object.at("/metadata/name").asText();
  }

  /** Every PromQL text of the dashboard: panel targets and template variable queries. */
  private static String queries(JsonNode dashboard) {
    return Stream.concat(
            dashboard.findValuesAsText("expr").stream(),
            dashboard.findValuesAsText("definition").stream())
        .collect(Collectors.joining("\n"));
  }

  /** The metric names the Temporal Java SDK reports (worker and service-client metrics). */
  private static Set<String> temporalSdkMetricNames() {
    Set<String> names = new TreeSet<>();
    for (Class<?> type :
        List.of(
            io.temporal.worker.MetricsType.class, io.temporal.serviceclient.MetricsType.class)) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          try {
            names.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    return names;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /** Every scalar value below a node (comments are gone once parsed). */
  private static List<String> scalars(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isValueNode()) {
      values.add(node.asText());
    }
    node.forEach(child -> values.addAll(scalars(child)));
    return values;
  }
}
