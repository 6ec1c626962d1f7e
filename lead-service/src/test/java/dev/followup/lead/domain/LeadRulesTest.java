package dev.followup.lead.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.followup.platform.api.ProblemException;

class LeadRulesTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void phonesBecomeE164WithTheDealersCountry() {
        assertThat(PhoneNumbers.toE164("(512) 555-0123", "US")).contains("+15125550123");
        assertThat(PhoneNumbers.toE164("512.555.0123 ", "US")).contains("+15125550123");
        assertThat(PhoneNumbers.toE164("+44 20 7946 0958", "US")).contains("+442079460958");
        assertThat(PhoneNumbers.toE164("123", "US")).isEmpty();
        assertThat(PhoneNumbers.toE164("not a phone", "US")).isEmpty();
    }

    @Test
    void oddRequestDatesAreReadOrDropped() {
        assertThat(LenientDates.parse("2024-03-05T14:22:00Z", CHICAGO)).contains(Instant.parse("2024-03-05T14:22:00Z"));
        assertThat(LenientDates.parse("2024-03-05T14:22:00-06:00", CHICAGO)).contains(Instant.parse("2024-03-05T20:22:00Z"));
        assertThat(LenientDates.parse("2024-03-05T14:22:00", CHICAGO)).contains(Instant.parse("2024-03-05T20:22:00Z"));
        assertThat(LenientDates.parse("2024-03-05 14:22:00", CHICAGO)).contains(Instant.parse("2024-03-05T20:22:00Z"));
        assertThat(LenientDates.parse("03/05/2024 2:22 PM", CHICAGO)).contains(Instant.parse("2024-03-05T20:22:00Z"));
        assertThat(LenientDates.parse("2024-03-05T14:22:00-0600", CHICAGO)).contains(Instant.parse("2024-03-05T20:22:00Z"));
        assertThat(LenientDates.parse("2024-03-05", CHICAGO)).contains(Instant.parse("2024-03-05T06:00:00Z"));
        assertThat(LenientDates.parse("sometime last week", CHICAGO)).isEmpty();
    }

    @Test
    void fullNamesAreSplit() {
        assertThat(PersonNames.split("  Mary Ann   Smith ")).isEqualTo(new PersonNames.Split("Mary Ann", "Smith"));
        assertThat(PersonNames.split("Smith, John")).isEqualTo(new PersonNames.Split("John", "Smith"));
        assertThat(PersonNames.split("Cher")).isEqualTo(new PersonNames.Split("Cher", null));
    }

    @Test
    void statusMovesFollowTheRules() {
        assertThat(LeadStatus.OPEN.moveTo("appointment", Instant.parse("2025-03-20T16:30:00Z"))).isEqualTo(LeadStatus.APPOINTMENT);
        assertThat(LeadStatus.APPOINTMENT.moveTo("sold", null)).isEqualTo(LeadStatus.SOLD);
        assertThat(LeadStatus.SOLD.moveTo("reopened", null)).isEqualTo(LeadStatus.OPEN);
        assertThat(LeadStatus.LOST.moveTo("open", null)).isEqualTo(LeadStatus.OPEN);
        assertThat(LeadStatus.OPEN.moveTo("lost", null)).isEqualTo(LeadStatus.LOST);
        assertThatThrownBy(() -> LeadStatus.SOLD.moveTo("lost", null)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(409);
        assertThatThrownBy(() -> LeadStatus.OPEN.moveTo("reopened", null))
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(409);
        assertThatThrownBy(() -> LeadStatus.OPEN.moveTo("appointment", null))
                .extracting(e -> ((ProblemException) e).field()).isEqualTo("appointmentAt");
        assertThatThrownBy(() -> LeadStatus.OPEN.moveTo("married", null))
                .extracting(e -> ((ProblemException) e).field()).isEqualTo("status");
    }

    @Test
    void vinsAreUpperCasedAndDroppedWhenInvalidAndEmailsLowerCased() {
        LeadSubmission submission = new LeadSubmission("", true, "Website", null, null, null, "A", "B", null,
                List.of(new LeadSubmission.PhoneInput("512 555 0123", "mobile", false, "customer.phone")),
                List.of(new LeadSubmission.EmailInput(" A.B@Example.COM ", "customer.email")), null, null,
                List.of(new LeadSubmission.VehicleInput("2024", "Honda", "CR-V", null, "7fars4h75re012345", null, null,
                        "new", "buy", "vehicles[0]"),
                        new LeadSubmission.VehicleInput(null, "Ford", null, null, "1FTFW1EF5FKD1234O", null, null, null,
                                "trade-in", "vehicles[1]")),
                null, null, null, null);
        LeadDraft draft = LeadNormalizer.normalize(submission, "US", CHICAGO);
        assertThat(draft.source()).isEqualTo("website");
        assertThat(draft.email()).isEqualTo("a.b@example.com");
        assertThat(draft.phone()).isEqualTo("+15125550123");
        assertThat(draft.vehicles().get(0).vin()).isEqualTo("7FARS4H75RE012345");
        assertThat(draft.vehicles().get(1).vin()).isNull();
    }
}
