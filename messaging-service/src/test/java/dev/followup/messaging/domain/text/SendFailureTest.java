package dev.followup.messaging.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.followup.messaging.domain.RefusalReason;

class SendFailureTest {

    @ParameterizedTest(name = "HTTP {0}, code {1} -> {2}")
    @CsvSource({
            "400, 21211, PERMANENT", "400, 21610, PERMANENT", "400, 21614, PERMANENT", "400, 21408, PERMANENT",
            "400, 30007, PERMANENT", "400, 21606, PERMANENT", "401, 20003, PERMANENT", "404, 20404, PERMANENT",
            "429, 20429, RETRY", "500, 20500, RETRY", "503, 20503, RETRY", "502,, RETRY", ",, RETRY"})
    void twilioErrorsAreRetriedOnlyWhenTwilioSaysTryAgain(Integer status, Integer code, SendFailure.Kind kind) {
        assertThat(SendFailure.fromApiError(status, code, "x").kind()).isEqualTo(kind);
    }

    @Test
    void error21610MeansTheRecipientOptedOut() {
        assertThat(SendFailure.fromApiError(400, 21610, "x").optedOut()).isTrue();
        assertThat(SendFailure.fromApiError(400, 21211, "x").optedOut()).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0}, code {1} -> {2}")
    @CsvSource({
            "400, 21211, INVALID_RECIPIENT", "400, 21614, INVALID_RECIPIENT", "400, 30006, INVALID_RECIPIENT",
            "400, 21610, OPTED_OUT", "400, 30007, CARRIER_ERROR", "401, 20003, CARRIER_ERROR",
            "429, 20429, RATE_LIMITED", "503, 20503, CARRIER_ERROR"})
    void aFinalFailureCarriesTheReasonCadenceActsOn(Integer status, Integer code, RefusalReason reason) {
        assertThat(SendFailure.fromApiError(status, code, "x").reason()).isEqualTo(reason);
    }

    @Test
    void aLostAnswerIsUnconfirmed() {
        assertThat(new SendFailure(SendFailure.Kind.UNCONFIRMED, null, null, "timeout").reason())
                .isEqualTo(RefusalReason.UNCONFIRMED);
    }
}
