package dev.followup.cadence.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class RecipientZoneTest {
    private static final ZoneId DEALER = ZoneId.of("America/Chicago");

    @Test
    void zoneComesFromThePhoneNumberFirst() {
        RecipientZone.Resolved la = RecipientZone.resolve("+13105550123", "10001", DEALER, "TX");
        assertThat(la.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(la.basis()).isEqualTo("phone");
        assertThat(la.florida()).isFalse();
        assertThat(RecipientZone.resolve("+12125550123", null, DEALER, null).zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void postalCodeWhenThePhoneDoesNotTellThenTheDealer() {
        RecipientZone.Resolved byZip = RecipientZone.resolve(null, "85004", DEALER, null);
        assertThat(byZip.zone()).isEqualTo(ZoneId.of("America/Phoenix"));
        assertThat(byZip.basis()).isEqualTo("postal code");
        // A toll-free number has no single zone.
        assertThat(RecipientZone.resolve("+18005550123", "98101", DEALER, null).zone())
                .isEqualTo(ZoneId.of("America/Los_Angeles"));
        RecipientZone.Resolved dealer = RecipientZone.resolve(null, "not-a-zip", DEALER, null);
        assertThat(dealer.zone()).isEqualTo(DEALER);
        assertThat(dealer.basis()).isEqualTo("dealer");
    }

    @Test
    void floridaRulesFromTheAreaCodeThePostalCodeOrTheDealersState() {
        assertThat(RecipientZone.resolve("+13055550123", null, DEALER, "TX").florida()).isTrue();
        assertThat(RecipientZone.resolve(null, "33101", DEALER, "TX").florida()).isTrue();
        assertThat(RecipientZone.resolve("+15125550123", "78745", DEALER, "FL").florida()).isTrue();
        assertThat(RecipientZone.resolve("+15125550123", "78745", DEALER, "TX").florida()).isFalse();
    }
}
