package dev.followup.platform.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.followup.platform.kafka.DeadLetterTopics;
import dev.followup.platform.kafka.DeadLetterTopics.DeadLetter;
import dev.followup.platform.security.AdminOnly;
import io.smallrye.common.annotation.Blocking;

/**
 * Operations: the records this service's consumers could not apply, and replaying chosen ones after a fix
 * (docs/operations.md, "Dead letters").
 */
@Path("/admin/dead-letters")
@AdminOnly
@Blocking
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
    private static final int MAX_LIMIT = 1000;

    private final DeadLetterTopics deadLetters;

    public DeadLettersResource(DeadLetterTopics deadLetters) {
        this.deadLetters = deadLetters;
    }

    public record TopicLetters(String topic, List<DeadLetter> records) {
    }

    public record Listing(List<TopicLetters> topics) {
    }

    public record RecordRef(String topic, Integer partition, Long offset) {
    }

    public record ReplayRequest(List<RecordRef> records) {
    }

    public record ReplayResult(List<DeadLetterTopics.Replayed> replayed) {
    }

    @GET
    @Operation(summary = "The newest dead-lettered records of each of this service's consumers, with the error")
    public Listing list(@QueryParam("topic") String topic, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        List<String> topics = topic == null || topic.isBlank() ? deadLetters.topics() : List.of(known(topic, "topic"));
        return new Listing(topics.stream().map(t -> new TopicLetters(t, deadLetters.newest(t, limit))).toList());
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put chosen dead letters back on their source topic; consumers drop what they already applied")
    public ReplayResult replay(ReplayRequest request) {
        if (request == null || request.records() == null || request.records().isEmpty()) {
            throw ProblemException.badRequest("records", "records must list at least one {topic, partition, offset}");
        }
        List<DeadLetterTopics.Found> chosen = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            RecordRef ref = request.records().get(i);
            String at = "records[" + i + "]";
            if (ref == null) {
                throw ProblemException.badRequest(at, "each record is {topic, partition, offset}");
            }
            String topic = known(ref.topic(), at + ".topic");
            if (ref.partition() == null || ref.partition() < 0) {
                throw ProblemException.badRequest(at + ".partition", "partition is required and not negative");
            }
            if (ref.offset() == null || ref.offset() < 0) {
                throw ProblemException.badRequest(at + ".offset", "offset is required and not negative");
            }
            DeadLetterTopics.Found found = deadLetters.find(topic, ref.partition(), ref.offset())
                    .orElseThrow(() -> new ProblemException(404, "Not found", "No record at " + topic + "/"
                            + ref.partition() + "/" + ref.offset() + " (never written, or past the topic's retention)",
                            at + ".offset"));
            if (found.letter().sourceTopic() == null) {
                throw ProblemException.unprocessable(at, "The record does not say which topic it came from");
            }
            chosen.add(found);
        }
        return new ReplayResult(deadLetters.replay(chosen));
    }

    private String known(String topic, String field) {
        if (topic == null || topic.isBlank()) {
            throw ProblemException.badRequest(field, "topic is required: one of " + deadLetters.topics());
        }
        if (!deadLetters.topics().contains(topic)) {
            throw ProblemException.badRequest(field, "'" + topic + "' is not a dead-letter topic of this service; "
                    + "its topics are " + deadLetters.topics());
        }
        return topic;
    }
}
