package dev.followup.testing;


import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.followup.platform.events.TopicCatalog;

/**
 * The platform has nothing left to do for now: every service's outbox is empty, every consumer group has read its
 * topics to the end, no text waits in a send queue or hands over to Twilio, no timer is due, and insights has rolled
 * up every change. An absence check
 * ("nothing more was sent") means something only after this holds.
 */
public final class Quiescence {
    private Quiescence() {
    }

    /** @param now what time the services agree it is (their clocks may be ahead of the wall clock) */
    public static void await(RealInfrastructure.Servers servers, Supplier<Instant> now, Duration patience) {
        // The poll may still be running when the patience ends, so the report is the last complete answer.
        AtomicReference<List<String>> last = new AtomicReference<>(List.of("not checked yet"));
        try {
            org.awaitility.Awaitility.await("the platform is quiet").atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<String> busy = busy(servers, now.get());
                last.set(busy);
                return busy.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the platform did not go quiet within " + patience + ": " + last.get(), e);
        }
    }

    /**
     * The service's outbox is empty: every event its transactions so far committed has been published (a second
     * copy, had there been one, too). The marker before checking that something was published exactly once.
     */
    public static void awaitOutboxEmpty(String schema, Duration patience) {
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        org.awaitility.Awaitility.await(schema + " outbox empty").atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword())) {
                return count(db, "select count(*) from " + schema + ".outbox_event") == 0;
            }
        });
    }

    /** What is still busy; empty when nothing is. */
    public static List<String> busy(RealInfrastructure.Servers servers, Instant now) throws Exception {
        List<String> busy = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword())) {
            for (String schema : schemasWith(db, "outbox_event")) {
                long pending = count(db, "select count(*) from " + schema + ".outbox_event");
                if (pending > 0) {
                    busy.add(schema + " outbox holds " + pending);
                }
            }
            if (!schemasWith(db, "outbound_message").isEmpty()) {
                long queued = count(db, "select count(*) from messaging.outbound_message where status in ('waiting', 'dispatching')");
                if (queued > 0) {
                    busy.add(queued + " texts queued or being handed to Twilio");
                }
            }
            for (String schema : schemasWith(db, "stale_lead")) {
                long stale = count(db, "select (select count(*) from " + schema + ".stale_lead) + (select count(*) from "
                        + schema + ".stale_day)");
                if (stale > 0) {
                    busy.add(schema + " has " + stale + " leads or days to roll up");
                }
            }
            if (!schemasWith(db, "scheduled_tasks").isEmpty()) {
                try (PreparedStatement due = db.prepareStatement(
                        "select count(*) from cadence.scheduled_tasks where execution_time <= ?")) {
                    due.setTimestamp(1, Timestamp.from(now));
                    try (ResultSet rs = due.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            busy.add(rs.getLong(1) + " timers due");
                        }
                    }
                }
            }
        }
        busy.addAll(consumerLag(servers.kafkaBootstrap()));
        return busy;
    }

    /** Records in any dead-letter topic of the platform. */
    public static Map<String, Long> deadLetters(String bootstrap) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        TopicCatalog catalog = TopicCatalog.load();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (TopicCatalog.Topic topic : catalog.topics()) {
                for (String consumer : topic.consumers()) {
                    String dlq = TopicCatalog.deadLetterTopic(consumer, topic.name());
                    long records = endOffsets(admin, dlq).values().stream().mapToLong(Long::longValue).sum();
                    if (records > 0) {
                        counts.put(dlq, records);
                    }
                }
            }
        }
        return counts;
    }

    private static List<String> consumerLag(String bootstrap) throws Exception {
        List<String> lagging = new ArrayList<>();
        TopicCatalog catalog = TopicCatalog.load();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (TopicCatalog.Topic topic : catalog.topics()) {
                Map<TopicPartition, Long> end = endOffsets(admin, topic.name());
                for (String group : topic.consumers()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    long lag = 0;
                    List<String> behind = new ArrayList<>();
                    Map<TopicPartition, String> owners = null;
                    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                        OffsetAndMetadata at = committed.get(e.getKey());
                        long partitionLag = behind(e.getValue(), at);
                        if (partitionLag > 0) {
                            owners = owners == null ? owners(admin, group) : owners;
                            behind.add("partition " + e.getKey().partition() + " at " + (at == null ? "none" : at.offset())
                                    + " of " + e.getValue() + " held by " + owners.getOrDefault(e.getKey(), "nobody"));
                        }
                        lag += partitionLag;
                    }
                    if (lag > 0) {
                        lagging.add(group + " is " + lag + " records behind on " + topic.name() + " " + behind);
                    }
                }
            }
        }
        return lagging;
    }

    /** Records of one partition not committed yet: all of them when the group never committed there. */
    private static long behind(long endOffset, OffsetAndMetadata committed) {
        return endOffset - (committed == null ? 0 : committed.offset());
    }

    /** How many records of these topics a consumer group has not committed yet (a partition never committed counts whole). */
    public static long lag(String bootstrap, String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (String topic : topics) {
                for (Map.Entry<TopicPartition, Long> e : endOffsets(admin, topic).entrySet()) {
                    lag += behind(e.getValue(), committed.get(e.getKey()));
                }
            }
            return lag;
        }
    }

    /** Which member of the group holds each partition now, by member id (the services log theirs): the first thing to know about a stuck lag. */
    private static Map<TopicPartition, String> owners(Admin admin, String group) throws Exception {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
            member.assignment().topicPartitions().forEach(p -> owners.put(p, member.consumerId()));
        }
        return owners;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(latest).all().get().entrySet()) {
            end.put(e.getKey(), e.getValue().offset());
        }
        return end;
    }

    private static List<String> schemasWith(Connection db, String table) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "select table_schema from information_schema.tables where table_name = ? order by table_schema")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
        }
        return schemas;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
