package dev.followup.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose.yaml: the same platform for people with Docker (no Docker engine is needed to check it). */
class ComposeFileTest {
    private static final Platform PLATFORM = Platform.load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (Reader in = Files.newBufferedReader(Platform.ROOT.resolve("deploy/compose.yaml"))) {
            return (Map<String, Object>) new Yaml(new LoaderOptions()).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @Test
    void composeRunsKafkaPostgresAndEveryServiceWithItsSettings() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(String.valueOf(map(services.get("kafka")).get("image"))).startsWith("apache/kafka:");
        soft.assertThat(map(map(services.get("kafka")).get("environment")).get("KAFKA_PROCESS_ROLES")).as("KRaft").isEqualTo("broker,controller");
        soft.assertThat(String.valueOf(map(services.get("postgres")).get("image"))).isEqualTo("postgres:17");
        for (String service : PLATFORM.services()) {
            Map<String, Object> s = map(services.get(service));
            soft.assertThat(s).as(service).isNotEmpty();
            soft.assertThat(String.valueOf(s.get("image"))).as("%s image", service).startsWith("followup/" + service + ":");
            Map<String, Object> env = map(s.get("environment"));
            for (String var : List.of("DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "FOLLOWUP_ADMIN_TOKEN", "QUARKUS_HTTP_PORT")) {
                soft.assertThat(env).as("%s environment", service).containsKey(var);
            }
            soft.assertThat(String.valueOf(env.get("FOLLOWUP_ADMIN_TOKEN"))).as("%s has an admin token of its own", service)
                    .contains(service.replace("-service", "").toUpperCase() + "_ADMIN_TOKEN");
            soft.assertThat(String.valueOf(env.get("DB_URL"))).as("%s DB_URL", service).isEqualTo("jdbc:postgresql://postgres:5432/followup");
            soft.assertThat(String.valueOf(env.get("KAFKA_BOOTSTRAP_SERVERS"))).as("%s Kafka", service).isEqualTo("kafka:9092");
            soft.assertThat(List.of(String.valueOf(env.get("JAVA_OPTS_APPEND")).trim().split("\\s+")))
                    .as("%s JAVA_OPTS_APPEND carries deploy/service-jvm.options", service)
                    .containsAll(Platform.serviceJvmOptions());
            soft.assertThat(map(s.get("depends_on"))).as("%s waits for the topics and PostgreSQL", service).containsKeys("kafka-topics", "postgres");
            soft.assertThat(String.valueOf(s.get("user"))).as("%s runs as Quarkus' jboss user", service).isEqualTo("185");
        }
        Map<String, Object> messaging = map(map(services.get("messaging-service")).get("environment"));
        soft.assertThat(messaging).containsKey("FOLLOWUP_PUBLIC_BASE_URL");
        soft.assertThat(String.valueOf(messaging.get("TWILIO_ACCOUNT_SID"))).as("sandbox mode unless the caller sets Twilio credentials")
                .isEqualTo("${TWILIO_ACCOUNT_SID:-}");
        soft.assertAll();
    }

    @Test
    void composeCreatesEveryTopicAndDeadLetterTopicWithTwelvePartitions() throws IOException {
        Map<String, Object> init = map(map(compose().get("services")).get("kafka-topics"));
        String script = String.join("\n", ((List<?>) init.get("command")).stream().map(String::valueOf).toList());
        assertThat(script).contains("--partitions 12");
        Set<String> created = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^create (\\S+)(.*)$").matcher(script);
        while (m.find()) {
            created.add(m.group(1));
            boolean compacted = PLATFORM.allTopics().getOrDefault(m.group(1), false);
            assertThat(m.group(2).contains("cleanup.policy=compact")).as("%s compacted", m.group(1)).isEqualTo(compacted);
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(PLATFORM.allTopics().keySet());
    }
}
