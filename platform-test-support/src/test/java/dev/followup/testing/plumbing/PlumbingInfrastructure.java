package dev.followup.testing.plumbing;

import java.util.List;
import java.util.Map;

import dev.followup.testing.RealInfrastructure;
import dev.followup.infra.Topics;
import dev.followup.platform.events.TopicCatalog;

/** The real servers, plus the plumbing test's own topic and its dead-letter topic. */
public class PlumbingInfrastructure extends RealInfrastructure {
    static final String TOPIC = "plumbing-noted";
    static final String DLQ = TopicCatalog.deadLetterTopic("plumbing", TOPIC);

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        Topics.ensure(servers().kafkaBootstrap(), new TopicCatalog(3,
                List.of(new TopicCatalog.Topic(TOPIC, false, "plumbing", List.of("plumbing")))));
        return config;
    }
}
