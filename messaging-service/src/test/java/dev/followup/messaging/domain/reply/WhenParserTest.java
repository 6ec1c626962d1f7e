package dev.followup.messaging.domain.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhenParserTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Saturday at 10 | saturday 10:00",
            "sat at 11 | saturday 11:00",
            "tmrw after 5pm | tomorrow 17:00",
            "tomorrow at 5 p.m. | tomorrow 17:00",
            "at 8:45 AM | 08:45",
            "12/5 around 3:30 | --12-05 15:30",
            "December 5th at noon | --12-05 12:00",
            "el 5 de diciembre a las 11 | --12-05 11:00",
            "mañana a las 5 | tomorrow 17:00",
            "por la mañana | -",
            "mañana por la mañana | tomorrow 10:00",
            "el sábado en la tarde | saturday 14:00",
            "a las 8 de la noche | 20:00",
            "a las 10 de la mañana | 10:00",
            "pasado mañana a la 1 | day-after-tomorrow 13:00",
            "tonight | today 18:00",
            "this weekend | saturday",
            "at 17:30 | 17:30",
            "can't do Friday at 3, how about Saturday at 10? | saturday 10:00",
    })
    void readsTheDayAndTimeTheCustomerProposes(String text, String expected) {
        assertThat(WhenParser.find(text).map(ProposedTime::toString).orElse("-")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2016 Civic, 80k miles", "Can you do 28k?", "I have 2 kids", "What's the APR for 60 months?",
            "No más de 20 mil por favor", "at 80k miles", "I sat in it last week and loved it", "The sun roof is great",
            "I'm 5 minutes away", "may I ask the price?" })
    void numbersAndWordsThatAreNoTimes(String text) {
        assertThat(WhenParser.find(text)).isEmpty();
    }
}
