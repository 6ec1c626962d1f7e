package dev.followup.cadence.domain.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class RankingAndCapacityTest {
    private static final Instant NOW = Instant.parse("2025-03-14T16:00:00Z");

    @Test
    void scoreRewardsRecencyEngagementAndSourceAndExplainsItself() {
        LeadScore fresh = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofHours(1)), null, 0, 0, "website"), NOW);
        LeadScore stale = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(10)), null, 0, 0, "website"), NOW);
        LeadScore engaged = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(10)), null, 1, 1, "website"), NOW);
        LeadScore visited = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofHours(2)), 0, 0, "website"), NOW);
        LeadScore listing = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofHours(1)), null, 0, 0, "autotrader"), NOW);
        assertThat(fresh.value()).isGreaterThan(stale.value());
        assertThat(engaged.value()).isGreaterThan(stale.value());
        assertThat(visited.value()).isGreaterThan(stale.value());
        assertThat(fresh.value()).isGreaterThan(listing.value());
        assertThat(fresh.factors()).containsOnlyKeys("recency", "engagement", "source");
        assertThat(fresh.explanation()).containsExactly("came in 1 hour ago: +0.45", "no reply yet: +0.00",
                "source website: +0.16");
        assertThat(engaged.explanation()).containsExactly("came in 10 days ago: +0.13",
                "replied once, came back once as a new lead: +0.35", "source website: +0.16");
        assertThat(visited.explanation().get(0)).isEqualTo("visited 2 hours ago: +0.45");
        assertThat(fresh.factors().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(fresh.value(),
                org.assertj.core.data.Offset.offset(0.002));
        assertThat(fresh.priority()).isBetween(0, 90);
    }

    @Test
    void capIsNeverExceededAndTheReservedSlotsGoToHotLeads() {
        int cap = 8;
        LeadScore cold = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(12)), null, 0, 0, "craigslist"), NOW);
        LeadScore hot = LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofHours(1)), null, 1, 0, "showroom"), NOW);
        assertThat(cold.hot()).isFalse();
        assertThat(hot.hot()).isTrue();
        int onList = 0;
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CallCapacity.Decision d = CallCapacity.decide(cap, onList, cold);
            if (d instanceof CallCapacity.Admit) {
                onList++;
            } else {
                rejected.add(((CallCapacity.Overflow) d).reason());
            }
        }
        assertThat(onList).isEqualTo(cap - CallCapacity.reservedSlots(cap));
        assertThat(rejected.get(0)).contains("below 0.5");
        for (int i = 0; i < 10; i++) {
            if (CallCapacity.decide(cap, onList, hot) instanceof CallCapacity.Admit) {
                onList++;
            }
        }
        assertThat(onList).isEqualTo(cap);
        assertThat(CallCapacity.decide(cap, cap, hot)).isInstanceOf(CallCapacity.Overflow.class);
    }

    @Test
    void rankingOrdersCandidatesByLikelihoodToClose() {
        List<LeadScore> scores = new ArrayList<>(List.of(
                LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(13)), null, 0, 0, "other"), NOW),
                LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofHours(2)), null, 2, 1, "showroom"), NOW),
                LeadScore.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(3)), null, 0, 0, "website"), NOW)));
        scores.sort(Comparator.comparingDouble(LeadScore::value).reversed());
        assertThat(scores.get(0).factors().get("source")).isEqualTo(0.2);
        assertThat(scores.get(2).factors().get("engagement")).isZero();
    }
}
