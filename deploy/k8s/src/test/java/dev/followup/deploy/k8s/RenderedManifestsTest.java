package dev.followup.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders every overlay under deploy/k8s/overlays with `kubectl kustomize` (Debian's kubectl 1.20 and, when
 * there is one, the kubectl on the PATH) and checks the objects: what every Deployment must have, autoscaling
 * within the topics' partitions, every topic and dead-letter topic of contracts/topics.json, Kafka, PostgreSQL,
 * the ingress, and that no secret value sits in a ConfigMap.
 */
@ExtendWith(NameTheRendering.class)
class RenderedManifestsTest {
    private static final Platform PLATFORM = Platform.load();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final int PRE_STOP_ALLOWANCE_SECONDS = 5;
    private static final Map<String, String> PUBLIC_PATHS = Map.of(
            "/leads", "lead-service", "/visits", "lead-service",
            "/twilio", "messaging-service", "/email", "messaging-service",
            "/inbox", "task-service", "/reps", "task-service", "/tasks", "task-service", "/auth", "task-service",
            "/insights", "insights-service");
    private static final List<String> COMMON_ENV = List.of("DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "FOLLOWUP_ADMIN_TOKEN", "QUARKUS_HTTP_PORT", "JAVA_OPTS_APPEND");
    private static final Map<String, List<String>> SERVICE_ENV = Map.of(
            "messaging-service", List.of("FOLLOWUP_PUBLIC_BASE_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                    "UNSUBSCRIBE_SECRET", "BOUNCE_WEBHOOK_TOKEN"),
            "task-service", List.of("FOLLOWUP_PUBLIC_BASE_URL"));
    /** Names that are credentials: such a variable must come from a Secret, never a ConfigMap or a literal. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|private[-_]?key|credential|api[-_]?key|auth[-_]?token|account[-_]?sid).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?s).*(-----BEGIN [A-Z ]*PRIVATE KEY-----|://[^/\\s:@]+:[^/\\s@]+@|\\bAC[0-9a-f]{32}\\b|password=).*");

    private static final Map<String, Rendered> CACHE = new LinkedHashMap<>();

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Platform.K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized Stream<Rendered> renderings() {
        if (CACHE.isEmpty()) {
            Map<String, Path> renderers = Renderers.all(Platform.WORK);
            for (var renderer : renderers.entrySet()) {
                for (String overlay : overlays()) {
                    String yaml = Renderers.render(renderer.getValue(), Platform.K8S.resolve("overlays").resolve(overlay), Platform.WORK);
                    CACHE.put(overlay + " / " + renderer.getKey(), new Rendered(overlay, renderer.getKey(), yaml));
                }
            }
        }
        return CACHE.values().stream();
    }

    @Test
    void devAndProdOverlaysExistAndARendererIsAvailable() {
        assertThat(overlays()).contains("dev", "prod");
        assertThat(Renderers.all(Platform.WORK)).as("renderers").isNotEmpty();
        assertThat(Renderers.all(Platform.WORK).keySet()).as("Debian's kubectl must be one of the renderers (kustomize v2.0.3 compatibility)")
                .anyMatch(name -> name.contains("Debian") || name.contains("FOLLOWUP_KUBECTL"));
        assertThat(PLATFORM.services()).containsExactlyInAnyOrder("lead-service", "cadence-service", "messaging-service", "task-service",
                "insights-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasADeploymentWithProbesResourcesAndANonRootLockedDownPod(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        assertThat(r.ofKind("Deployment").stream().map(Rendered::name)).containsExactlyInAnyOrderElementsOf(PLATFORM.services());
        for (JsonNode deployment : r.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            soft.assertThat(podSecurity.path("runAsNonRoot").asBoolean()).as("%s pod runAsNonRoot", name).isTrue();
            soft.assertThat(podSecurity.path("runAsUser").asInt(0)).as("%s pod runAsUser (Quarkus' jboss user)", name).isEqualTo(185);
            soft.assertThat(podSecurity.path("seccompProfile").path("type").asText()).as("%s seccomp", name).isEqualTo("RuntimeDefault");
            soft.assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s mounts no API token", name).isFalse();
            soft.assertThat(pod.path("containers")).as("%s containers", name).hasSize(1);
            Set<String> emptyDirs = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            for (JsonNode c : pod.path("containers")) {
                String where = name + "/" + c.path("name").asText();
                soft.assertThat(c.path("image").asText()).as("%s image", where).matches("followup/" + Pattern.quote(name) + ":[\\w.-]+");
                soft.assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).as("%s readiness", where).isEqualTo("/q/health/ready");
                soft.assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).as("%s liveness", where).isEqualTo("/q/health/live");
                soft.assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).as("%s startup", where).startsWith("/q/health/");
                int startupBudget = c.path("startupProbe").path("periodSeconds").asInt(10) * c.path("startupProbe").path("failureThreshold").asInt(3);
                soft.assertThat(startupBudget).as("%s seconds the startup probe allows (Flyway at first start)", where).isGreaterThanOrEqualTo(60);
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    soft.assertThat(containerPort(c, c.path(probe).path("httpGet").path("port"))).as("%s %s port", where, probe).isPositive();
                }
                JsonNode resources = c.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    soft.assertThat(resources.path(kind).path("cpu").isMissingNode()).as("%s %s.cpu", where, kind).isFalse();
                    soft.assertThat(resources.path(kind).path("memory").isMissingNode()).as("%s %s.memory", where, kind).isFalse();
                }
                if (!resources.path("limits").path("memory").isMissingNode()) {
                    long limit = Rendered.bytes(resources.path("limits").path("memory").asText());
                    soft.assertThat(limit).as("%s memory limit (JVM mode, ~384Mi)", where).isBetween(256L << 20, 512L << 20);
                    soft.assertThat(Rendered.bytes(resources.path("requests").path("memory").asText("0")))
                            .as("%s memory request <= limit", where).isLessThanOrEqualTo(limit);
                }
                Map<String, Rendered.EnvSource> env = r.environment(c);
                String javaOptions = env.containsKey("JAVA_OPTS_APPEND") ? env.get("JAVA_OPTS_APPEND").value() : null;
                soft.assertThat(javaOptions == null ? List.of() : List.of(javaOptions.trim().split("\\s+")))
                        .as("%s JAVA_OPTS_APPEND carries deploy/service-jvm.options", where)
                        .containsAll(Platform.serviceJvmOptions());
                JsonNode security = c.path("securityContext");
                soft.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s allowPrivilegeEscalation", where).isFalse();
                soft.assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as("%s readOnlyRootFilesystem", where).isTrue();
                soft.assertThat(security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean())).as("%s runAsNonRoot", where).isTrue();
                soft.assertThat(security.path("privileged").asBoolean(false)).as("%s privileged", where).isFalse();
                List<String> dropped = new ArrayList<>();
                security.path("capabilities").path("drop").forEach(d -> dropped.add(d.asText()));
                soft.assertThat(dropped).as("%s capabilities dropped", where).contains("ALL");
                soft.assertThat(security.path("capabilities").path("add").size()).as("%s capabilities added", where).isZero();
                boolean tmp = false;
                for (JsonNode mount : c.path("volumeMounts")) {
                    tmp |= mount.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(mount.path("name").asText());
                }
                soft.assertThat(tmp).as("%s has a writable emptyDir on /tmp (read-only root)", where).isTrue();
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podsOutliveTheShutdownTimeoutAndDrainBeforeSigterm(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode deployment : r.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            Duration shutdown = Platform.shutdownTimeout(name);
            soft.assertThat(shutdown).as("quarkus.shutdown.timeout of %s found", name).isPositive();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
            soft.assertThat(grace).as("%s terminationGracePeriodSeconds > shutdown timeout %s + preStop", name, shutdown)
                    .isGreaterThan((int) shutdown.toSeconds() + PRE_STOP_ALLOWANCE_SECONDS);
            for (JsonNode c : pod.path("containers")) {
                JsonNode preStop = c.path("lifecycle").path("preStop");
                soft.assertThat(preStop.isMissingNode()).as("%s has a preStop hook so endpoints drain", name).isFalse();
                soft.assertThat(preStop.toString()).as("%s preStop sleeps", name).contains("sleep");
            }
            JsonNode rolling = deployment.path("spec").path("strategy").path("rollingUpdate");
            soft.assertThat(rolling.path("maxUnavailable").asText("25%")).as("%s rolling update keeps every pod until a new one is ready", name).isEqualTo("0");
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasAServiceAndAPodDisruptionBudgetSelectingItsPods(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        for (String service : PLATFORM.services()) {
            JsonNode deployment = r.find("Deployment", service).orElseThrow();
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            soft.assertThat(Rendered.selects(deployment.path("spec").path("selector"), podLabels)).as("%s Deployment selects its pods", service).isTrue();
            var svc = r.find("Service", service);
            soft.assertThat(svc).as("Service %s", service).isPresent();
            svc.ifPresent(s -> {
                soft.assertThat(Rendered.selects(s.path("spec").path("selector"), podLabels)).as("Service %s selects the pods", service).isTrue();
                JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
                for (JsonNode port : s.path("spec").path("ports")) {
                    soft.assertThat(containerPort(container, port.path("targetPort"))).as("Service %s targetPort %s", service, port.path("targetPort")).isPositive();
                }
            });
            var pdb = r.ofKind("PodDisruptionBudget").stream().filter(p -> Rendered.selects(p.path("spec").path("selector"), podLabels)).toList();
            soft.assertThat(pdb).as("PodDisruptionBudget selecting %s", service).hasSize(1);
            pdb.forEach(p -> soft.assertThat(p.path("spec").has("minAvailable") ^ p.path("spec").has("maxUnavailable"))
                    .as("PDB %s sets exactly one of minAvailable / maxUnavailable", Rendered.name(p)).isTrue());
        }
        soft.assertAll();
    }

    /** Services reached from outside, through the ingress; the others take no traffic but Prometheus'. */
    private static final Set<String> BEHIND_THE_INGRESS = Set.of("lead-service", "messaging-service", "task-service",
            "insights-service");

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasANetworkPolicyLettingInAndOutOnlyWhatTheArchitectureNeeds(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        for (String service : PLATFORM.services()) {
            JsonNode podLabels = r.find("Deployment", service).orElseThrow().path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> policies = r.ofKind("NetworkPolicy").stream()
                    .filter(p -> Rendered.selects(p.path("spec").path("podSelector"), podLabels)).toList();
            soft.assertThat(policies).as("NetworkPolicy selecting %s", service).hasSize(1);
            for (JsonNode policy : policies) {
                JsonNode spec = policy.path("spec");
                soft.assertThat(spec.path("policyTypes").toString()).as("%s restricts both directions", service)
                        .contains("Ingress").contains("Egress");
                Set<String> from = new HashSet<>();
                spec.path("ingress").forEach(rule -> rule.path("from").forEach(peer -> from.add(
                        peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())));
                soft.assertThat(from).as("%s accepts traffic from", service).isEqualTo(BEHIND_THE_INGRESS.contains(service)
                        ? Set.of("ingress-nginx", "monitoring") : Set.of("monitoring"));
                Set<Integer> egressPorts = new HashSet<>();
                spec.path("egress").forEach(rule -> rule.path("ports").forEach(port -> egressPorts.add(port.path("port").asInt())));
                soft.assertThat(egressPorts).as("%s may reach", service).isEqualTo(service.equals("messaging-service")
                        ? Set.of(53, 9092, 5432, 443, 587, 465) : Set.of(53, 9092, 5432));
            }
        }
        soft.assertAll();
    }

    /** The alerts and the dashboard may name only these platform metrics (DemoScriptTest finds each in /q/metrics). */
    static final Pattern PLATFORM_METRIC = Pattern.compile("\\b(followup_[a-z_]+)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void prometheusScrapesEveryServiceAndTheAlertsAndDashboardAreWellFormed(Rendered r) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        List<JsonNode> monitors = r.ofKind("PodMonitor");
        soft.assertThat(monitors).as("PodMonitors").hasSize(1);
        for (String service : PLATFORM.services()) {
            JsonNode template = r.find("Deployment", service).orElseThrow().path("spec").path("template");
            soft.assertThat(monitors.stream().filter(m -> Rendered.selects(m.path("spec").path("selector"),
                    template.path("metadata").path("labels")))).as("a PodMonitor scrapes %s", service).hasSize(1);
            soft.assertThat(template.path("spec").path("containers").path(0).path("ports").findValuesAsText("name"))
                    .as("%s has the port the PodMonitor scrapes", service).contains("http");
        }
        monitors.forEach(m -> soft.assertThat(m.path("spec").path("podMetricsEndpoints").path(0).path("path").asText())
                .isEqualTo("/q/metrics"));

        List<JsonNode> rules = r.ofKind("PrometheusRule");
        soft.assertThat(rules).as("PrometheusRules").hasSize(1);
        Set<String> alerts = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (JsonNode rule : rules.get(0).path("spec").path("groups").path(0).path("rules")) {
            alerts.add(rule.path("alert").asText());
            String expr = rule.path("expr").asText();
            soft.assertThat(expr).as("expression of %s", rule.path("alert").asText()).isNotBlank();
            soft.assertThat(count(expr, '(')).as("balanced parentheses in %s", rule.path("alert").asText()).isEqualTo(count(expr, ')'));
            soft.assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", rule.path("alert").asText())
                    .isIn("warning", "critical");
            PLATFORM_METRIC.matcher(expr).results().forEach(m -> named.add(m.group(1)));
        }
        soft.assertThat(alerts).containsExactlyInAnyOrder("OutboxBacklogStuck", "RecordsDeadLettered", "TimersLate",
                "SpeedToLeadSlow", "TextsRefusedOften", "ConsumerLagHigh");
        soft.assertThat(named).as("platform metrics the alerts read").contains("followup_outbox_oldest_age_seconds",
                "followup_dead_letters_total", "followup_timer_lateness_seconds_bucket", "followup_texts_sent_total");

        JsonNode dashboard = r.find("ConfigMap", "followup-grafana-dashboard").orElse(null);
        soft.assertThat(dashboard).as("the Grafana dashboard ConfigMap").isNotNull();
        if (dashboard != null) {
            soft.assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
            JsonNode json = JSON.readTree(dashboard.path("data").path("followup-platform.json").asText());
            soft.assertThat(json.path("panels").size()).as("dashboard panels").isGreaterThanOrEqualTo(8);
            json.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                    soft.assertThat(target.path("expr").asText()).as("query of panel %s", panel.path("title").asText())
                            .isNotBlank()));
        }
        soft.assertAll();
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyConsumerScalesOnItsLagWithNoMoreReplicasThanPartitions(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        r.ofKind("KafkaTopic").forEach(t -> partitions.put(topicName(t), t.path("spec").path("partitions").asInt(0)));
        for (var entry : PLATFORM.topicsByConsumer().entrySet()) {
            String group = entry.getKey();
            String service = group + "-service";
            List<JsonNode> scaled = r.ofKind("ScaledObject").stream()
                    .filter(s -> s.path("spec").path("scaleTargetRef").path("name").asText().equals(service)).toList();
            soft.assertThat(scaled).as("KEDA ScaledObject for %s", service).hasSize(1);
            for (JsonNode so : scaled) {
                int max = so.path("spec").path("maxReplicaCount").asInt(100);
                int min = so.path("spec").path("minReplicaCount").asInt(0);
                soft.assertThat(min).as("%s minReplicaCount <= maxReplicaCount", service).isLessThanOrEqualTo(max).isPositive();
                Set<String> triggered = new TreeSet<>();
                for (JsonNode trigger : so.path("spec").path("triggers")) {
                    JsonNode md = trigger.path("metadata");
                    soft.assertThat(trigger.path("type").asText()).as("%s trigger type", service).isEqualTo("kafka");
                    soft.assertThat(md.path("consumerGroup").asText()).as("%s trigger consumer group", service).isEqualTo(group);
                    soft.assertThat(md.path("lagThreshold").asText()).as("%s trigger lagThreshold", service).matches("[1-9][0-9]*");
                    soft.assertThat(md.path("bootstrapServers").asText()).as("%s trigger bootstrap", service).isEqualTo(bootstrap(r));
                    soft.assertThat(md.path("allowIdleConsumers").asText("false")).as("%s allowIdleConsumers", service).isEqualTo("false");
                    triggered.add(md.path("topic").asText());
                }
                soft.assertThat(triggered).as("%s triggers cover the topics it consumes", service).isEqualTo(new TreeSet<>(entry.getValue()));
                for (String topic : entry.getValue()) {
                    soft.assertThat(max).as("%s maxReplicaCount <= partitions of %s (topics.json)", service, topic).isLessThanOrEqualTo(PLATFORM.partitions);
                    soft.assertThat(max).as("%s maxReplicaCount <= partitions of KafkaTopic %s", service, topic)
                            .isLessThanOrEqualTo(partitions.getOrDefault(topic, 0));
                }
            }
            soft.assertThat(r.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(service)))
                    .as("%s has no HPA of its own (KEDA makes one)", service).isEmpty();
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void leadServiceScalesOnCpu(Rendered r) {
        List<JsonNode> hpas = r.ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals("lead-service")).toList();
        assertThat(hpas).as("HPA for lead-service").hasSize(1);
        JsonNode spec = hpas.get(0).path("spec");
        assertThat(hpas.get(0).path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(spec.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(spec.path("minReplicas").asInt(1)).isPositive().isLessThanOrEqualTo(spec.path("maxReplicas").asInt());
        List<String> resources = new ArrayList<>();
        spec.path("metrics").forEach(m -> resources.add(m.path("resource").path("name").asText()));
        assertThat(resources).as("lead-service HPA metrics").contains("cpu");
        assertThat(r.ofKind("ScaledObject").stream().filter(s -> s.path("spec").path("scaleTargetRef").path("name").asText().equals("lead-service")))
                .as("lead-service is not also scaled by KEDA").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyTopicAndDeadLetterTopicIsAKafkaTopicWithEnoughPartitions(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        JsonNode kafka = single(r, "Kafka");
        int brokers = brokers(r);
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        r.ofKind("KafkaTopic").forEach(t -> declared.put(topicName(t), t));
        for (var topic : PLATFORM.allTopics().entrySet()) {
            JsonNode t = declared.get(topic.getKey());
            soft.assertThat(t).as("KafkaTopic %s", topic.getKey()).isNotNull();
            if (t == null) {
                continue;
            }
            JsonNode spec = t.path("spec");
            soft.assertThat(spec.path("partitions").asInt()).as("%s partitions", topic.getKey())
                    .isGreaterThanOrEqualTo(Math.max(12, PLATFORM.partitions));
            int replicas = spec.path("replicas").asInt();
            soft.assertThat(replicas).as("%s replicas (brokers: %d)", topic.getKey(), brokers).isBetween(1, brokers);
            if (brokers >= 3) {
                soft.assertThat(replicas).as("%s replicas with %d brokers", topic.getKey(), brokers).isGreaterThanOrEqualTo(3);
            }
            soft.assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as("%s cluster label", topic.getKey())
                    .isEqualTo(Rendered.name(kafka));
            String policy = spec.path("config").path("cleanup.policy").asText("delete");
            soft.assertThat(policy).as("%s cleanup.policy", topic.getKey()).isEqualTo(topic.getValue() ? "compact" : "delete");
            int minIsr = spec.path("config").path("min.insync.replicas")
                    .asInt(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt(1));
            soft.assertThat(minIsr).as("%s min.insync.replicas <= replicas", topic.getKey()).isLessThanOrEqualTo(replicas);
        }
        soft.assertThat(declared.keySet()).as("KafkaTopics not in contracts/topics.json").isSubsetOf(PLATFORM.allTopics().keySet());
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void kafkaRunsInKraftModeWithReplicationTheBrokersCanHold(Rendered r) {
        JsonNode kafka = single(r, "Kafka");
        JsonNode annotations = kafka.path("metadata").path("annotations");
        assertThat(annotations.path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(annotations.path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).as("no ZooKeeper").isFalse();
        List<String> roles = new ArrayList<>();
        r.ofKind("KafkaNodePool").forEach(p -> {
            assertThat(p.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(Rendered.name(kafka));
            p.path("spec").path("roles").forEach(role -> roles.add(role.asText()));
        });
        assertThat(roles).contains("controller", "broker");
        int brokers = brokers(r);
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
            assertThat(config.path(key).asInt(1)).as(key).isBetween(1, brokers);
        }
        assertThat(config.path("min.insync.replicas").asInt(1)).as("min.insync.replicas").isLessThanOrEqualTo(config.path("default.replication.factor").asInt(1));
        assertThat(config.path("auto.create.topics.enable").asText()).as("topics come only from KafkaTopics").isEqualTo("false");
        String plainListener = null;
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean()) {
                plainListener = Rendered.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt();
            }
        }
        assertThat(bootstrap(r)).as("KAFKA_BOOTSTRAP_SERVERS is the Strimzi bootstrap service").isEqualTo(plainListener);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void postgresIsACloudNativePgClusterWithTheFollowupDatabase(Rendered r) {
        JsonNode cluster = single(r, "Cluster");
        assertThat(cluster.path("apiVersion").asText()).startsWith("postgresql.cnpg.io/");
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        assertThat(initdb.path("database").asText()).isEqualTo("followup");
        assertThat(cluster.path("spec").path("imageName").asText()).as("PostgreSQL 17").contains(":17");
        String appSecret = initdb.path("secret").path("name").asText();
        assertThat(appSecret).as("the app user's Secret").isNotBlank();
        for (JsonNode deployment : r.ofKind("Deployment")) {
            Map<String, Rendered.EnvSource> env = r.environment(deployment.path("spec").path("template").path("spec").path("containers").path(0));
            assertThat(env.get("DB_URL").value()).as("%s DB_URL", Rendered.name(deployment))
                    .isEqualTo("jdbc:postgresql://" + Rendered.name(cluster) + "-rw:5432/followup");
            assertThat(env.get("DB_USER").from()).as("%s DB_USER", Rendered.name(deployment)).isEqualTo("Secret " + appSecret + "/username");
            assertThat(env.get("DB_PASSWORD").from()).as("%s DB_PASSWORD", Rendered.name(deployment)).isEqualTo("Secret " + appSecret + "/password");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configMapsAndLiteralEnvHoldNoSecretValues(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode cm : r.ofKind("ConfigMap")) {
            cm.path("data").fields().forEachRemaining(e -> {
                soft.assertThat(e.getKey()).as("ConfigMap %s key", Rendered.name(cm)).doesNotMatch(SECRET_NAME);
                soft.assertThat(e.getValue().asText()).as("ConfigMap %s %s value", Rendered.name(cm), e.getKey()).doesNotMatch(SECRET_VALUE);
            });
            soft.assertThat(cm.has("binaryData")).as("ConfigMap %s binaryData", Rendered.name(cm)).isFalse();
        }
        for (JsonNode deployment : r.ofKind("Deployment")) {
            for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
                r.environment(c).forEach((name, source) -> {
                    if (SECRET_NAME.matcher(name).matches()) {
                        soft.assertThat(source.secret()).as("%s %s comes from a Secret, not %s", Rendered.name(deployment), name, source.from()).isTrue();
                    }
                    if (source.value() != null) {
                        soft.assertThat(source.value()).as("%s %s value", Rendered.name(deployment), name).doesNotMatch(SECRET_VALUE);
                    }
                });
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceGetsTheSettingsItReadsAndReferencesResolve(Rendered r) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        String operations = Files.exists(Platform.ROOT.resolve("docs/operations.md"))
                ? Files.readString(Platform.ROOT.resolve("docs/operations.md")) : "";
        for (JsonNode deployment : r.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            JsonNode c = deployment.path("spec").path("template").path("spec").path("containers").path(0);
            Map<String, Rendered.EnvSource> env = r.environment(c);
            List<String> needed = new ArrayList<>(COMMON_ENV);
            needed.addAll(SERVICE_ENV.getOrDefault(name, List.of()));
            soft.assertThat(env.keySet()).as("%s environment", name).containsAll(needed);
            if (env.containsKey("QUARKUS_HTTP_PORT")) {
                soft.assertThat(Integer.parseInt(env.get("QUARKUS_HTTP_PORT").value())).as("%s QUARKUS_HTTP_PORT = container port", name)
                        .isEqualTo(containerPort(c, c.path("readinessProbe").path("httpGet").path("port")));
            }
            for (JsonNode from : c.path("envFrom")) {
                String cm = from.path("configMapRef").path("name").asText(null);
                if (cm != null) {
                    soft.assertThat(r.find("ConfigMap", cm)).as("%s envFrom ConfigMap %s", name, cm).isPresent();
                }
            }
            for (JsonNode var : c.path("env")) {
                if (var.path("name").asText().equals("FOLLOWUP_ADMIN_TOKEN")) {
                    soft.assertThat(var.path("valueFrom").path("secretKeyRef").path("key").asText())
                            .as("%s reads an admin token of its own (one service's token opens no other)", name)
                            .isEqualTo(name);
                }
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                if (ref.isMissingNode() || ref.path("optional").asBoolean(false)) {
                    continue;
                }
                String secret = ref.path("name").asText();
                var rendered = r.find("Secret", secret);
                if (rendered.isPresent()) {
                    JsonNode data = rendered.get().has("data") ? rendered.get().path("data") : rendered.get().path("stringData");
                    soft.assertThat(data.has(ref.path("key").asText())).as("%s: Secret %s has key %s", name, secret, ref.path("key").asText()).isTrue();
                } else {
                    // Not rendered (prod): created by the operators, so docs/operations.md must say how.
                    soft.assertThat(operations).as("docs/operations.md explains how to create Secret %s (needed by %s)", secret, name)
                            .contains(secret);
                }
            }
        }
        if (r.overlay.equals("prod")) {
            soft.assertThat(r.ofKind("Secret")).as("prod renders no Secret: credentials are never in the repository").isEmpty();
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theIngressExposesOnlyThePublicPaths(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> routed = new LinkedHashMap<>();
        for (JsonNode ingress : r.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String p = path.path("path").asText();
                    String backend = path.path("backend").path("service").path("name").asText();
                    routed.put(p, backend);
                    soft.assertThat(p).as("routed path").doesNotStartWith("/admin").doesNotStartWith("/q").isNotEqualTo("/");
                    soft.assertThat(r.find("Service", backend)).as("backend Service %s", backend).isPresent();
                    String port = path.path("backend").path("service").path("port").path("name").asText();
                    r.find("Service", backend).ifPresent(s -> {
                        boolean found = false;
                        for (JsonNode sp : s.path("spec").path("ports")) {
                            found |= sp.path("name").asText().equals(port);
                        }
                        soft.assertThat(found).as("Service %s has port %s", backend, port).isTrue();
                    });
                }
            }
            soft.assertThat(ingress.path("spec").path("tls").size()).as("Ingress %s terminates TLS", Rendered.name(ingress)).isPositive();
            soft.assertThat(ingress.path("spec").has("defaultBackend")).as("no default backend").isFalse();
        }
        soft.assertThat(routed).as("public routes").isEqualTo(PUBLIC_PATHS);
        for (JsonNode deployment : r.ofKind("Deployment")) {
            Rendered.EnvSource base = r.environment(deployment.path("spec").path("template").path("spec").path("containers").path(0))
                    .get("FOLLOWUP_PUBLIC_BASE_URL");
            if (base != null) {
                String host = r.ofKind("Ingress").get(0).path("spec").path("rules").path(0).path("host").asText();
                soft.assertThat(base.value()).as("%s FOLLOWUP_PUBLIC_BASE_URL is the ingress host over https (Twilio signatures)",
                        Rendered.name(deployment)).isEqualTo("https://" + host);
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void devIsSmallAndProdIsSpreadAndProtected(Rendered r) {
        SoftAssertions soft = new SoftAssertions();
        switch (r.overlay) {
            case "dev" -> {
                soft.assertThat(brokers(r)).as("dev Kafka nodes").isEqualTo(1);
                soft.assertThat(single(r, "Cluster").path("spec").path("instances").asInt()).as("dev PostgreSQL instances").isEqualTo(1);
                for (JsonNode d : r.ofKind("Deployment")) {
                    soft.assertThat(d.path("spec").path("replicas").asInt(1)).as("dev replicas of %s", Rendered.name(d)).isEqualTo(1);
                }
                r.ofKind("ScaledObject").forEach(s -> soft.assertThat(s.path("spec").path("maxReplicaCount").asInt()).as("dev max of %s", Rendered.name(s)).isEqualTo(1));
                r.ofKind("HorizontalPodAutoscaler").forEach(h -> soft.assertThat(h.path("spec").path("maxReplicas").asInt()).as("dev max of %s", Rendered.name(h)).isEqualTo(1));
                r.ofKind("KafkaTopic").forEach(t -> soft.assertThat(t.path("spec").path("replicas").asInt()).as("dev replicas of topic %s", topicName(t)).isEqualTo(1));
            }
            case "prod" -> {
                soft.assertThat(brokers(r)).as("prod Kafka nodes").isGreaterThanOrEqualTo(3);
                soft.assertThat(single(r, "Cluster").path("spec").path("instances").asInt()).as("prod PostgreSQL instances").isGreaterThanOrEqualTo(2);
                r.ofKind("KafkaTopic").forEach(t -> soft.assertThat(t.path("spec").path("replicas").asInt()).as("prod replicas of topic %s", topicName(t)).isEqualTo(3));
                for (JsonNode d : r.ofKind("Deployment")) {
                    String name = Rendered.name(d);
                    JsonNode pod = d.path("spec").path("template").path("spec");
                    soft.assertThat(pod.path("topologySpreadConstraints").size() > 0 || pod.path("affinity").has("podAntiAffinity"))
                            .as("prod %s spreads its replicas", name).isTrue();
                    soft.assertThat(d.path("spec").has("replicas")).as("prod %s leaves the replica count to its autoscaler", name).isFalse();
                    int min = minReplicas(r, name);
                    soft.assertThat(min).as("prod minimum replicas of %s", name).isGreaterThanOrEqualTo(2);
                    JsonNode labels = pod.path("metadata").isMissingNode() ? d.path("spec").path("template").path("metadata").path("labels")
                            : pod.path("metadata").path("labels");
                    r.ofKind("PodDisruptionBudget").stream().filter(p -> Rendered.selects(p.path("spec").path("selector"), labels)).forEach(p -> {
                        soft.assertThat(p.path("spec").path("minAvailable").asInt(0)).as("prod PDB %s minAvailable", Rendered.name(p))
                                .isPositive().isLessThan(min);
                    });
                }
            }
            default -> {
            }
        }
        soft.assertAll();
    }

    private static int minReplicas(Rendered r, String deployment) {
        for (JsonNode s : r.ofKind("ScaledObject")) {
            if (s.path("spec").path("scaleTargetRef").path("name").asText().equals(deployment)) {
                return s.path("spec").path("minReplicaCount").asInt(0);
            }
        }
        for (JsonNode h : r.ofKind("HorizontalPodAutoscaler")) {
            if (h.path("spec").path("scaleTargetRef").path("name").asText().equals(deployment)) {
                return h.path("spec").path("minReplicas").asInt(1);
            }
        }
        return r.find("Deployment", deployment).map(d -> d.path("spec").path("replicas").asInt(1)).orElse(0);
    }

    private static JsonNode single(Rendered r, String kind) {
        List<JsonNode> all = r.ofKind(kind);
        if (all.size() != 1) {
            fail("%s: expected one %s, found %d", r, kind, all.size());
        }
        return all.get(0);
    }

    private static int brokers(Rendered r) {
        int brokers = 0;
        for (JsonNode pool : r.ofKind("KafkaNodePool")) {
            boolean broker = false;
            for (JsonNode role : pool.path("spec").path("roles")) {
                broker |= role.asText().equals("broker");
            }
            if (broker) {
                brokers += pool.path("spec").path("replicas").asInt(0);
            }
        }
        return brokers;
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(Rendered.name(topic));
    }

    /** KAFKA_BOOTSTRAP_SERVERS as every Deployment sees it (they must agree). */
    private static String bootstrap(Rendered r) {
        Set<String> values = new TreeSet<>();
        for (JsonNode d : r.ofKind("Deployment")) {
            var source = r.environment(d.path("spec").path("template").path("spec").path("containers").path(0)).get("KAFKA_BOOTSTRAP_SERVERS");
            values.add(source == null ? "(none)" : String.valueOf(source.value()));
        }
        assertThat(values).as("KAFKA_BOOTSTRAP_SERVERS of the Deployments").hasSize(1);
        return values.iterator().next();
    }

    /** The container port a probe or Service names (by name or number); 0 when it names none. */
    private static int containerPort(JsonNode container, JsonNode port) {
        for (JsonNode p : container.path("ports")) {
            if (port.isNumber() ? p.path("containerPort").asInt() == port.asInt() : p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return 0;
    }
}
