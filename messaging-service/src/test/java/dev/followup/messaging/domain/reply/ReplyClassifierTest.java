package dev.followup.messaging.domain.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyClassifierTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP                              | OPT_OUT
            stop                              | OPT_OUT
            '  Stop.  '                       | OPT_OUT
            STOP!!!                           | OPT_OUT
            StopAll                           | OPT_OUT
            stop all                          | OPT_OUT
            UNSUBSCRIBE                       | OPT_OUT
            Cancel                            | OPT_OUT
            END                               | OPT_OUT
            quit                              | OPT_OUT
            Revoke                            | OPT_OUT
            OPTOUT                            | OPT_OUT
            opt-out                           | OPT_OUT
            Opt Out                           | OPT_OUT
            stop texting me                   | OPT_OUT
            Please stop texting me!           | OPT_OUT
            no more messages                  | OPT_OUT
            'not interested, remove me'       | OPT_OUT
            remove me from your list          | OPT_OUT
            do not text this number           | OPT_OUT
            alto                              | OPT_OUT
            ALTO                              | OPT_OUT
            para                              | OPT_OUT
            no me envíen más                  | OPT_OUT
            No me envien mas mensajes         | OPT_OUT
            no me manden mensajes             | OPT_OUT
            cancelar                          | OPT_OUT
            baja                              | OPT_OUT
            START                             | OPT_IN
            unstop                            | OPT_IN
            ' start '                         | OPT_IN
            HELP                              | HELP
            help?                             | HELP
            info                              | HELP
            can you stop by at 5?             | OTHER
            is the end of the month ok        | OTHER
            para cuando tienen el carro?      | OTHER
            I'll quit my job to buy this car  | OTHER
            yes                               | OTHER
            Is the CR-V still available?      | OTHER
            ''                                | OTHER
            """)
    void readsTheCustomersWords(String body, ReplyIntent expected) {
        assertThat(ReplyClassifier.classify(body == null ? "" : body, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"YES", "yes", "Yes!"})
    void yesReEnablesOnlyANumberThatOptedOut(String body) {
        assertThat(ReplyClassifier.classify(body, true)).isEqualTo(ReplyIntent.OPT_IN);
        assertThat(ReplyClassifier.classify(body, false)).isEqualTo(ReplyIntent.OTHER);
    }
}
