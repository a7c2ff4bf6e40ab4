package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsshop.command.CommandServiceConfig;
import io.cqrsshop.projector.ProjectorConfig;
import io.cqrsshop.query.QueryServiceConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks of the rendered overlays that a reviewer would otherwise do by eye: that selectors, ports,
 * probes and configuration line up with the pods and with what the services read.
 */
class KubernetesManifestsTest {

  private static final Map<String, RenderedManifests> RENDERED = new HashMap<>();

  /** A deployable, the variables its configuration reads, and what a deployment must set. */
  private record Deployable(
      String name, Set<String> variables, Set<String> mustSet, String grpcPortVariable) {}

  private static final List<Deployable> DEPLOYABLES =
      List.of(
          new Deployable(
              "command-service",
              CommandServiceConfig.variables(),
              Set.of(
                  "COMMAND_DB_URL",
                  "COMMAND_DB_USER",
                  "COMMAND_DB_PASSWORD",
                  "COMMAND_NATS_URL",
                  "COMMAND_GRPC_PORT",
                  "COMMAND_METRICS_PORT",
                  "COMMAND_LOG_FORMAT"),
              "COMMAND_GRPC_PORT"),
          new Deployable(
              "projector",
              ProjectorConfig.variables(),
              Set.of(
                  "PROJECTOR_NATS_URL",
                  "PROJECTOR_ELASTICSEARCH_URL",
                  "PROJECTOR_HEALTH_PORT",
                  "PROJECTOR_METRICS_PORT",
                  "PROJECTOR_LOG_FORMAT"),
              "PROJECTOR_HEALTH_PORT"),
          new Deployable(
              "query-service",
              QueryServiceConfig.variables(),
              Set.of(
                  "QUERY_ELASTICSEARCH_URL",
                  "QUERY_GRPC_PORT",
                  "QUERY_METRICS_PORT",
                  "QUERY_LOG_FORMAT"),
              "QUERY_GRPC_PORT"));

  /**
   * What command-service's {@code migrate} mode reads: the database, the owner's credentials it
   * migrates as, and the roles it grants rights to.
   */
  private static final Set<String> MIGRATION_VARIABLES =
      Set.of(
          "COMMAND_DB_URL",
          "COMMAND_DB_USER",
          "COMMAND_DB_ADMIN_USER",
          "COMMAND_DB_MIGRATION_USER",
          "COMMAND_DB_MIGRATION_PASSWORD",
          "COMMAND_DB_MIGRATION_PASSWORD_FILE",
          "COMMAND_LOG_FORMAT");

  static Stream<Arguments> deployables() {
    return Stream.of("dev", "prod")
        .flatMap(overlay -> DEPLOYABLES.stream().map(d -> Arguments.of(overlay, d)));
  }

  private static synchronized RenderedManifests rendered(String overlay) {
    return RENDERED.computeIfAbsent(overlay, RenderedManifests::render);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("deployables")
  void selectors_matchThePodLabels(String overlay, Deployable deployable) {
    var manifests = rendered(overlay);
    JsonNode deployment = manifests.get("Deployment", deployable.name());
    JsonNode podLabels = deployment.at("/spec/template/metadata/labels");

    assertThat(matches(deployment.at("/spec/selector/matchLabels"), podLabels)).isTrue();
    assertThat(
            matches(
                manifests.get("Service", deployable.name() + "-metrics").at("/spec/selector"),
                podLabels))
        .isTrue();
    if (!deployable.name().equals("projector")) {
      assertThat(
              matches(manifests.get("Service", deployable.name()).at("/spec/selector"), podLabels))
          .isTrue();
    }
    assertThat(
            matches(
                manifests
                    .get("PodDisruptionBudget", deployable.name())
                    .at("/spec/selector/matchLabels"),
                podLabels))
        .isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("deployables")
  void probesAndServicePorts_existOnTheContainer(String overlay, Deployable deployable) {
    var manifests = rendered(overlay);
    JsonNode container = container(manifests, deployable);
    Map<String, Integer> containerPorts = new HashMap<>();
    container
        .path("ports")
        .forEach(p -> containerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));

    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      assertThat(container.path(probe).has("grpc"))
          .as("%s of %s is a native grpc probe", probe, deployable.name())
          .isTrue();
      assertThat(containerPorts).containsValue(container.path(probe).at("/grpc/port").asInt());
    }
    assertThat(container.at("/livenessProbe/grpc/service").asText()).isEqualTo("liveness");
    assertThat(container.at("/readinessProbe/grpc/service").asText("")).isEmpty();

    List<String> services =
        deployable.name().equals("projector")
            ? List.of("projector-metrics")
            : List.of(deployable.name(), deployable.name() + "-metrics");
    for (String service : services) {
      for (JsonNode port : manifests.get("Service", service).at("/spec/ports")) {
        JsonNode target = port.path("targetPort");
        if (target.isTextual()) {
          assertThat(containerPorts).containsKey(target.asText());
        } else {
          assertThat(containerPorts).containsValue(target.asInt());
        }
      }
    }
    if (!deployable.name().equals("projector")) {
      assertThat(manifests.get("Service", deployable.name()).at("/spec/ports"))
          .as("the client-facing Service of %s publishes no metrics", deployable.name())
          .extracting(port -> port.path("name").asText())
          .containsExactly("grpc");
    }

    Map<String, String> env = environment(manifests, deployable);
    // With TLS on, the kubelet's plaintext probes go to the health-only listener.
    int probedPort =
        Integer.parseInt(
            env.getOrDefault(
                prefix(deployable) + "TLS_PLAINTEXT_HEALTH_PORT",
                env.get(deployable.grpcPortVariable())));
    assertThat(container.at("/readinessProbe/grpc/port").asInt()).isEqualTo(probedPort);
    int metricsPort = Integer.parseInt(env.get(prefix(deployable) + "METRICS_PORT"));
    assertThat(containerPorts).containsEntry("metrics", metricsPort);
    assertThat(
            manifests
                .get("Deployment", deployable.name())
                .at("/spec/template/metadata/annotations")
                .path("prometheus.io/port")
                .asText())
        .isEqualTo(Integer.toString(metricsPort));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("deployables")
  void environment_isOnlyWhatTheServiceReads_andSetsWhatItNeeds(
      String overlay, Deployable deployable) {
    var manifests = rendered(overlay);
    Map<String, String> env = environment(manifests, deployable);

    assertThat(deployable.variables()).containsAll(env.keySet());
    for (String variable : deployable.mustSet()) {
      // A secret may come directly or from a mounted file.
      assertThat(env.containsKey(variable) || env.containsKey(variable + "_FILE"))
          .as("%s sets %s", deployable.name(), variable)
          .isTrue();
    }
    if (overlay.equals("prod")) {
      assertThat(env.keySet())
          .as("prod passes secrets only as mounted files")
          .noneMatch(variable -> variable.endsWith("_PASSWORD") || variable.endsWith("_API_KEY"));
    }
    assertThat(env.get(prefix(deployable) + "LOG_FORMAT")).isEqualTo("json");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("deployables")
  void eachDeployable_scalesOnItsOwn(String overlay, Deployable deployable) {
    var manifests = rendered(overlay);
    JsonNode deployment = manifests.get("Deployment", deployable.name());
    JsonNode hpa = manifests.get("HorizontalPodAutoscaler", deployable.name());

    assertThat(deployment.at("/spec/replicas").asInt()).isPositive();
    assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployable.name());
    assertThat(hpa.at("/spec/minReplicas").asInt())
        .isEqualTo(deployment.at("/spec/replicas").asInt());
    assertThat(hpa.at("/spec/maxReplicas").asInt())
        .isGreaterThanOrEqualTo(hpa.at("/spec/minReplicas").asInt());
    long hpasForIt =
        manifests.ofKind("HorizontalPodAutoscaler").stream()
            .filter(h -> h.at("/spec/scaleTargetRef/name").asText().equals(deployable.name()))
            .count();
    assertThat(hpasForIt).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("deployables")
  void containers_areLockedDown_pinned_labelled_andSized(String overlay, Deployable deployable) {
    var manifests = rendered(overlay);
    JsonNode deployment = manifests.get("Deployment", deployable.name());
    JsonNode pod = deployment.at("/spec/template/spec");

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    List<JsonNode> containers = new java.util.ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    containers.add(container(manifests, deployable));
    for (JsonNode container : containers) {
      assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
      assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");

      String image = container.path("image").asText();
      assertThat(image)
          .matches(".+/" + deployable.name() + ":[0-9][^:]*")
          .doesNotEndWith(":latest");

      for (String resource : List.of("cpu", "memory")) {
        assertThat(container.at("/resources/requests/" + resource).isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/" + resource).isMissingNode()).isFalse();
      }
    }

    JsonNode labels = deployment.at("/spec/template/metadata/labels");
    for (String label :
        List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by")) {
      assertThat(labels.has(label)).as("%s has label %s", deployable.name(), label).isTrue();
    }
    assertThat(manifests.find("ServiceAccount", deployable.name())).isPresent();
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(deployable.name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "nats", "elasticsearch"})
  void dev_bringsItsOwnInfrastructureWithVolumes(String name) {
    JsonNode statefulSet = rendered("dev").get("StatefulSet", name);

    assertThat(statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
        .isEqualTo("data");
    assertThat(rendered("dev").find("Service", name)).isPresent();
  }

  @org.junit.jupiter.api.Test
  void dev_createsTheSecretsItsPodsReference() {
    var manifests = rendered("dev");
    Set<String> secrets = new HashSet<>();
    manifests.ofKind("Secret").forEach(s -> secrets.add(s.at("/metadata/name").asText()));

    List<JsonNode> pods = new java.util.ArrayList<>();
    for (String kind : List.of("Deployment", "StatefulSet")) {
      manifests.ofKind(kind).forEach(w -> pods.add(w.at("/spec/template/spec")));
    }
    manifests
        .ofKind("CronJob")
        .forEach(c -> pods.add(c.at("/spec/jobTemplate/spec/template/spec")));

    for (JsonNode pod : pods) {
      for (JsonNode container : allContainers(pod)) {
        assertThat(secrets).containsAll(secretsOf(pod, container, false));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void dev_runsTheNightlyDriftCheck_withWhatTheToolReads_lockedDown() {
    assertDriftCheckRunsAsTheToolsOwnRole(rendered("dev"));
  }

  @org.junit.jupiter.api.Test
  void prodWithAdmin_verifiesPostgresAndElasticsearch_asTheToolsOwnRole() {
    var manifests = RenderedManifests.renderWith("prod", "admin");
    Map<String, String> env = assertDriftCheckRunsAsTheToolsOwnRole(manifests);
    JsonNode pod =
        manifests
            .get("CronJob", "read-model-drift-check")
            .at("/spec/jobTemplate/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(env.get("ADMIN_DB_URL"))
        .doesNotContain("//postgres:")
        .contains("sslmode=verify-full", "sslrootcert=/");
    assertThat(env.get("ADMIN_ELASTICSEARCH_URL")).startsWith("https://");
    assertThat(env).containsKey("ADMIN_ELASTICSEARCH_CA_FILE");
    String rootCert = env.get("ADMIN_DB_URL").replaceFirst(".*sslrootcert=([^&]+).*", "$1");
    for (String file :
        List.of(
            rootCert, env.get("ADMIN_ELASTICSEARCH_CA_FILE"), env.get("ADMIN_DB_PASSWORD_FILE"))) {
      assertThat(mountedPaths(container))
          .as("%s is on a mounted volume", file)
          .anyMatch(file::startsWith);
    }
    assertThat(env.keySet())
        .as("prod passes secrets only as mounted files")
        .noneMatch(variable -> variable.endsWith("_PASSWORD"));
    assertThat(env.get("ADMIN_INDEX_REPLICAS"))
        .isEqualTo(environment(manifests, DEPLOYABLES.get(1)).get("PROJECTOR_INDEX_REPLICAS"));
  }

  /**
   * The nightly drift check: what the tool reads, as the role {@code cqrsshop_admin} with its
   * password from a file, never with command-service's credentials; locked down.
   */
  private static Map<String, String> assertDriftCheckRunsAsTheToolsOwnRole(
      RenderedManifests manifests) {
    JsonNode cronJob = manifests.get("CronJob", "read-model-drift-check");
    JsonNode pod = cronJob.at("/spec/jobTemplate/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    Map<String, String> env = environment(manifests, container);

    assertThat(container.path("args").toString()).isEqualTo("[\"drift\"]");
    assertThat(io.cqrsshop.admin.AdminConfig.variables()).containsAll(env.keySet());
    assertThat(env)
        .containsKeys("ADMIN_ELASTICSEARCH_URL", "ADMIN_DB_URL", "ADMIN_DB_PASSWORD_FILE")
        .containsEntry("ADMIN_DB_USER", "cqrsshop_admin")
        .doesNotContainKey("ADMIN_DB_PASSWORD");
    assertThat(mountedPaths(container)).anyMatch(env.get("ADMIN_DB_PASSWORD_FILE")::startsWith);
    assertThat(secretsOf(pod, container, true))
        .contains("admin-db")
        .doesNotContain(
            secretsOf(commandServicePod(manifests), container(manifests, DEPLOYABLES.get(0)), false)
                .toArray(String[]::new))
        .doesNotContain("command-db-owner");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("admin");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void commandService_migratesFirst_asTheSchemaOwner_whoseSecretOnlyTheMigrationHolds(
      String overlay) {
    var manifests = rendered(overlay);
    JsonNode pod = commandServicePod(manifests);
    JsonNode service = container(manifests, DEPLOYABLES.get(0));
    assertThat(pod.path("initContainers").size()).isEqualTo(1);
    JsonNode migrate = pod.at("/initContainers/0");
    Map<String, String> env = environment(manifests, migrate);
    Map<String, String> serviceEnv = environment(manifests, service);

    assertThat(migrate.path("name").asText()).isEqualTo("migrate");
    assertThat(migrate.path("image").asText()).isEqualTo(service.path("image").asText());
    assertThat(migrate.path("args").toString()).isEqualTo("[\"migrate\"]");
    assertThat(MIGRATION_VARIABLES).containsAll(env.keySet());
    assertThat(env)
        .containsEntry("COMMAND_DB_URL", serviceEnv.get("COMMAND_DB_URL"))
        .containsEntry("COMMAND_DB_USER", serviceEnv.get("COMMAND_DB_USER"))
        .containsEntry("COMMAND_DB_MIGRATION_USER", "cqrsshop_owner")
        .containsEntry("COMMAND_DB_ADMIN_USER", "cqrsshop_admin");
    assertThat(
            env.containsKey("COMMAND_DB_MIGRATION_PASSWORD")
                || env.containsKey("COMMAND_DB_MIGRATION_PASSWORD_FILE"))
        .isTrue();
    assertThat(secretsOf(pod, migrate, false)).containsExactly("command-db-owner");
    assertThat(secretsOf(pod, service, false)).doesNotContain("command-db-owner");
    assertThat(serviceEnv.keySet())
        .noneMatch(variable -> variable.startsWith("COMMAND_DB_MIGRATION_"));
    assertThat(migrate.at("/securityContext")).isEqualTo(service.at("/securityContext"));
    assertThat(migrate.at("/resources")).isEqualTo(service.at("/resources"));

    if (overlay.equals("prod")) {
      assertThat(env).containsKey("COMMAND_DB_MIGRATION_PASSWORD_FILE");
      String rootCert = env.get("COMMAND_DB_URL").replaceFirst(".*sslrootcert=([^&]+).*", "$1");
      for (String file : List.of(rootCert, env.get("COMMAND_DB_MIGRATION_PASSWORD_FILE"))) {
        assertThat(mountedPaths(migrate))
            .as("%s is on a mounted volume", file)
            .anyMatch(file::startsWith);
      }
      assertThat(env.keySet()).noneMatch(variable -> variable.endsWith("_PASSWORD"));
    }
  }

  @org.junit.jupiter.api.Test
  void prod_givesEveryQueryReplicaTheSamePageTokenKey_fromASecretFile() {
    var manifests = rendered("prod");
    Deployable query = DEPLOYABLES.get(2);
    JsonNode pod = manifests.get("Deployment", query.name()).at("/spec/template/spec");
    JsonNode container = container(manifests, query);
    String keyFile = environment(manifests, query).get("QUERY_PAGE_TOKEN_KEY_FILE");

    assertThat(keyFile).isNotNull();
    JsonNode mount = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if (keyFile.startsWith(m.path("mountPath").asText() + "/")) {
        mount = m;
      }
    }
    assertThat(mount).as("%s is on a mounted volume", keyFile).isNotNull();
    String volumeName = mount.path("name").asText();
    JsonNode volume = null;
    for (JsonNode v : pod.path("volumes")) {
      if (v.path("name").asText().equals(volumeName)) {
        volume = v;
      }
    }
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("query-page-token-key");
    assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("key");
    assertThat(mount.path("mountPath").asText() + "/" + volume.at("/secret/items/0/path").asText())
        .isEqualTo(keyFile);
  }

  @org.junit.jupiter.api.Test
  void prod_usesExternalServices_aReplicatedStream_andReplicatedIndices() {
    var manifests = rendered("prod");

    assertThat(manifests.ofKind("StatefulSet")).isEmpty();
    Map<String, String> command = environment(manifests, DEPLOYABLES.get(0));
    Map<String, String> projector = environment(manifests, DEPLOYABLES.get(1));
    assertThat(Integer.parseInt(command.get("COMMAND_NATS_STREAM_REPLICAS")))
        .isGreaterThanOrEqualTo(3);
    assertThat(Integer.parseInt(projector.get("PROJECTOR_INDEX_REPLICAS")))
        .isGreaterThanOrEqualTo(1);
    assertThat(command.get("COMMAND_DB_URL")).doesNotContain("//postgres:");
  }

  @ParameterizedTest(name = "prod: {0}")
  @MethodSource("deployableNames")
  void prod_servesTls_verifiesEveryDependency_fromMountedFiles(String name) {
    var manifests = rendered("prod");
    Deployable deployable =
        DEPLOYABLES.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    Map<String, String> env = environment(manifests, deployable);
    String prefix = prefix(deployable);

    assertThat(env).containsKeys(prefix + "TLS_CERT_FILE", prefix + "TLS_KEY_FILE");
    env.forEach(
        (variable, value) -> {
          if (value.contains("nats://")) {
            throw new AssertionError(variable + " connects to NATS without TLS: " + value);
          }
          if (variable.endsWith("ELASTICSEARCH_URL")) {
            assertThat(value).as(variable).startsWith("https://");
            assertThat(env).containsKey(prefix + "ELASTICSEARCH_CA_FILE");
          }
          if (variable.endsWith("NATS_URL")) {
            assertThat(env).containsKeys(prefix + "NATS_TLS_CA_FILE", prefix + "NATS_CREDS_FILE");
          }
          if (variable.endsWith("_FILE")) {
            assertThat(mountedPaths(container(manifests, deployable)))
                .as("%s=%s is on a mounted volume", variable, value)
                .anyMatch(value::startsWith);
          }
        });
    if (env.containsKey(prefix + "DB_URL")) {
      assertThat(env.get(prefix + "DB_URL")).contains("sslmode=verify-full", "sslrootcert=/");
    }
    if (!name.equals("projector")) {
      assertThat(env).containsKeys(prefix + "AUTH_JWKS_URL", prefix + "AUTH_ISSUER");
      assertThat(env.get(prefix + "AUTH_JWKS_URL")).startsWith("https://");
      assertThat(env.get(prefix + "REFLECTION")).isEqualTo("admin");
    }
  }

  static Stream<String> deployableNames() {
    return DEPLOYABLES.stream().map(Deployable::name);
  }

  private static List<String> mountedPaths(JsonNode container) {
    List<String> paths = new java.util.ArrayList<>();
    container.path("volumeMounts").forEach(m -> paths.add(m.path("mountPath").asText() + "/"));
    return paths;
  }

  private static JsonNode container(RenderedManifests manifests, Deployable deployable) {
    JsonNode containers =
        manifests.get("Deployment", deployable.name()).at("/spec/template/spec/containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  private static Map<String, String> environment(
      RenderedManifests manifests, Deployable deployable) {
    return environment(manifests, container(manifests, deployable));
  }

  private static JsonNode commandServicePod(RenderedManifests manifests) {
    return manifests.get("Deployment", DEPLOYABLES.get(0).name()).at("/spec/template/spec");
  }

  private static List<JsonNode> allContainers(JsonNode pod) {
    List<JsonNode> containers = new java.util.ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    return containers;
  }

  /**
   * The Secrets a container reads: through its environment and through the volumes it mounts; with
   * {@code includeOptional}, also those its pod may run without.
   */
  private static Set<String> secretsOf(JsonNode pod, JsonNode container, boolean includeOptional) {
    Set<String> secrets = new HashSet<>();
    for (JsonNode variable : container.path("env")) {
      JsonNode ref = variable.at("/valueFrom/secretKeyRef");
      if (!ref.isMissingNode() && (includeOptional || !ref.path("optional").asBoolean())) {
        secrets.add(ref.path("name").asText());
      }
    }
    container
        .path("envFrom")
        .forEach(
            source -> {
              if (source.has("secretRef")) {
                secrets.add(source.at("/secretRef/name").asText());
              }
            });
    Set<String> mounted = new HashSet<>();
    container.path("volumeMounts").forEach(m -> mounted.add(m.path("name").asText()));
    for (JsonNode volume : pod.path("volumes")) {
      JsonNode secret = volume.path("secret");
      if (mounted.contains(volume.path("name").asText())
          && secret.has("secretName")
          && (includeOptional || !secret.path("optional").asBoolean())) {
        secrets.add(secret.path("secretName").asText());
      }
    }
    return secrets;
  }

  /**
   * Every variable a container gets: ConfigMaps through envFrom, then explicit env entries (those
   * from a ConfigMap's key resolved, those from a Secret as a placeholder).
   */
  private static Map<String, String> environment(RenderedManifests manifests, JsonNode container) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode source : container.path("envFrom")) {
      String name = source.at("/configMapRef/name").asText();
      JsonNode data = manifests.get("ConfigMap", name).path("data");
      for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
        var entry = it.next();
        env.put(entry.getKey(), entry.getValue().asText());
      }
    }
    for (JsonNode variable : container.path("env")) {
      JsonNode key = variable.at("/valueFrom/configMapKeyRef");
      String value =
          key.isMissingNode()
              ? variable.path("value").asText("<from secret>")
              : manifests
                  .get("ConfigMap", key.path("name").asText())
                  .path("data")
                  .path(key.path("key").asText())
                  .asText();
      env.put(variable.path("name").asText(), value);
    }
    return env;
  }

  private static String prefix(Deployable deployable) {
    return deployable
        .grpcPortVariable()
        .substring(0, deployable.grpcPortVariable().indexOf('_') + 1);
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      var entry = it.next();
      if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
        return false;
      }
    }
    return true;
  }

  @org.junit.jupiter.api.Test
  void prod_deniesByDefault_andOpensOnlyWhatEachDeployableNeeds() {
    var manifests = rendered("prod");
    JsonNode deny = manifests.get("NetworkPolicy", "default-deny");
    assertThat(deny.at("/spec/podSelector").isEmpty()).as("every pod").isTrue();
    assertThat(texts(deny.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(texts(manifests.get("NetworkPolicy", "dns").at("/spec/egress/0/ports")))
        .containsOnly("53");

    Map<String, List<String>> ingress =
        Map.of(
            "command-service", List.of("grpc", "8081"),
            "query-service", List.of("grpc", "8081"),
            "projector", List.of());
    Map<String, List<String>> egress =
        Map.of(
            "command-service", List.of("5432", "4222", "443"),
            "query-service", List.of("9200", "4222", "443"),
            "projector", List.of("4222", "9200"));
    for (Deployable deployable : DEPLOYABLES) {
      JsonNode policy = manifests.get("NetworkPolicy", deployable.name());
      JsonNode podLabels =
          manifests.get("Deployment", deployable.name()).at("/spec/template/metadata/labels");
      assertThat(matches(policy.at("/spec/podSelector/matchLabels"), podLabels))
          .as("the policy of %s selects its pods", deployable.name())
          .isTrue();
      List<String> in = new java.util.ArrayList<>();
      policy.at("/spec/ingress").forEach(rule -> in.addAll(ports(rule)));
      assertThat(in)
          .as("ingress of %s", deployable.name())
          .isEqualTo(ingress.get(deployable.name()));
      List<String> out = new java.util.ArrayList<>();
      policy.at("/spec/egress").forEach(rule -> out.addAll(ports(rule)));
      assertThat(out)
          .as("egress of %s", deployable.name())
          .isEqualTo(egress.get(deployable.name()));

      Set<String> containerPorts = new HashSet<>();
      container(manifests, deployable)
          .path("ports")
          .forEach(p -> containerPorts.add(p.path("name").asText()));
      for (String port : in) {
        if (!port.matches("\\d+")) {
          assertThat(containerPorts).as("named port of %s", deployable.name()).contains(port);
        }
      }
    }
    JsonNode metrics = manifests.get("NetworkPolicy", "metrics-from-monitoring");
    assertThat(metrics.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels").toString())
        .contains("monitoring");
    assertThat(ports(metrics.at("/spec/ingress/0"))).containsExactly("metrics");
  }

  private static List<String> ports(JsonNode rule) {
    List<String> ports = new java.util.ArrayList<>();
    rule.path("ports").forEach(port -> ports.add(port.path("port").asText()));
    return ports;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.isObject() ? node.path("port").asText() : node.asText()));
    return texts;
  }
}
