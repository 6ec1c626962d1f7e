package dev.followup.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void sendLimitsRefuseOverTheRateOrTheDailyQuota() {
        SendLimits limits = new SendLimits(2, 10);
        assertThat(limits.refusal(1, 9)).isNull();
        assertThat(limits.refusal(2, 5)).contains("send rate");
        assertThat(limits.refusal(0, 10)).contains("daily text quota");
    }
}
