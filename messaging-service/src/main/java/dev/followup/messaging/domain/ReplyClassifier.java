package dev.followup.messaging.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a customer's reply. Carrier keywords count only as the whole message (case, spacing and punctuation
 * ignored), so "stop by tomorrow?" is not an opt-out; plain-language opt-outs count wherever they appear. Accents are
 * ignored, so "no me envíen más" and "no me envien mas" read alike.
 */
public final class ReplyClassifier {
    private static final Set<String> OPT_OUT_WORDS = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit",
            "revoke", "optout", "alto", "para", "cancelar", "baja", "parar");
    private static final List<String> OPT_OUT_PHRASES = List.of("stop texting", "stop messaging", "stop sending",
            "stop contacting", "stop calling", "no more messages", "no more texts", "no more text", "remove me",
            "take me off", "unsubscribe me", "do not text", "dont text", "don t text", "leave me alone", "opt me out",
            "no me envien mas", "no me envien mensajes", "no me manden", "no mas mensajes", "dejen de enviar",
            "dejen de mandar", "dejen de escribir", "darme de baja", "dame de baja", "denme de baja");
    private static final Set<String> OPT_IN_WORDS = Set.of("start", "unstop");
    /** YES re-enables texting only for a number that opted out; otherwise it is an ordinary (welcome) reply. */
    private static final String CONDITIONAL_OPT_IN_WORD = "yes";
    private static final Set<String> HELP_WORDS = Set.of("help", "info", "ayuda");

    private ReplyClassifier() {
    }

    public static ReplyIntent classify(String body, boolean currentlyOptedOut) {
        String text = normalise(body);
        String squeezed = text.replace(" ", "");
        if (OPT_OUT_WORDS.contains(text) || OPT_OUT_WORDS.contains(squeezed)
                || OPT_OUT_PHRASES.stream().anyMatch(phrase -> containsPhrase(text, phrase))) {
            return ReplyIntent.OPT_OUT;
        }
        if (OPT_IN_WORDS.contains(squeezed) || currentlyOptedOut && CONDITIONAL_OPT_IN_WORD.equals(squeezed)) {
            return ReplyIntent.OPT_IN;
        }
        if (HELP_WORDS.contains(squeezed)) {
            return ReplyIntent.HELP;
        }
        return ReplyIntent.OTHER;
    }

    /** Lower case, accents and punctuation removed, runs of spaces collapsed. */
    static String normalise(String body) {
        if (body == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(body, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static boolean containsPhrase(String text, String phrase) {
        return (" " + text + " ").contains(" " + phrase + " ");
    }
}
