package dev.followup.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import dev.followup.platform.events.TopicCatalog;

/** Creates every topic of contracts/topics.json (and its dead-letter topics) that does not exist yet. */
public final class Topics {
    private Topics() {
    }

    public static List<String> ensure(String bootstrapServers, TopicCatalog catalog) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicCatalog.Topic topic : catalog.topics()) {
                if (!existing.contains(topic.name())) {
                    NewTopic newTopic = new NewTopic(topic.name(), catalog.partitions(), (short) 1);
                    if (topic.compacted()) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(newTopic);
                }
                for (String dlq : topic.deadLetterTopics()) {
                    if (!existing.contains(dlq)) {
                        missing.add(new NewTopic(dlq, catalog.partitions(), (short) 1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers, e);
        }
    }
}
