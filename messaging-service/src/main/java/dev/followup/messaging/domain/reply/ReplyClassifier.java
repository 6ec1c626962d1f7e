package dev.followup.messaging.domain.reply;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a customer's reply, in English or Spanish. Since April 2025 (47 CFR 64.1200(a)(10)) consent is revoked by any
 * wording a reasonable person would read as "stop contacting me", so a missed opt-out is far worse than a false one,
 * and opt-out wins over everything else. Three kinds of evidence:
 * <ul>
 * <li>carrier keywords (STOP, UNSUBSCRIBE, QUIT, END, CANCEL, REVOKE, OPTOUT, STOPALL, Spanish ALTO, PARA, BAJA ...)
 * as the whole message, politeness and repetition aside ("stop please", "STOP STOP", "Stop!!! 🛑"), misspelt by
 * one letter ("stpo", "unsubcribe");</li>
 * <li>plain-language revocations anywhere ("stop texting me", "don't text", "no more messages", "take me off",
 * "lose my number", "leave me alone", "wrong number", "not interested", "ya no me escriban", "número equivocado");</li>
 * <li>known traps that are not revocations: "can I stop by", "stop in after work", "don't stop", "es para mi esposa",
 * "el precio es muy alto", "cancel my appointment".</li>
 * </ul>
 * The labelled corpus (src/test/resources/replies/corpus.tsv) and its precision/recall table in the README keep it
 * honest.
 */
public final class ReplyClassifier {
    /** Carrier opt-out keywords, counted only as the whole message (so "end of the month" is no opt-out). */
    private static final Set<String> OPT_OUT_KEYWORDS = Set.of("stop", "stopall", "unsubscribe", "unsub", "cancel", "end",
            "quit", "revoke", "optout", "remove", "alto", "para", "parar", "pare", "cancelar", "baja", "detener", "basta", "nomas");
    /** Words that may surround a keyword without changing it: "stop please", "ok STOP now". */
    private static final Set<String> POLITENESS = Set.of("please", "pls", "plz", "plez", "now", "thanks", "thank", "you",
            "thx", "ty", "ok", "okay", "k", "sir", "maam", "por", "favor", "gracias", "ya", "it", "asap", "immediately",
            "already", "seriously", "i", "said", "me");
    /** Longer keywords tolerate one wrong letter; "stop" and "quit" only the common slips below. */
    private static final Set<String> STOP_SLIPS = Set.of("stpo", "sotp", "stopp", "sstop", "stp", "atop", "dtop", "xtop",
            "stoo", "stio", "stpp", "stoop", "spot");
    /** What a stop/quit verb must be about to revoke consent: contacting the customer. */
    private static final Set<String> CONTACT_WORDS = Set.of("text", "texts", "texting", "txt", "txts", "txting", "textin",
            "message", "messages", "messaging", "msg", "msgs", "sms", "contact", "contacting", "call", "calling", "calls",
            "email", "emails", "emailing", "send", "sending", "spam", "spamming", "bother", "bothering", "harass",
            "harassing", "write", "writing", "reach", "reaching", "hitting");
    /** After "stop", what makes it about something other than contact: "stop by", "stop in after work". */
    private static final Set<String> NOT_ABOUT_CONTACT = Set.of("by", "in", "over", "at", "around", "past", "off", "back",
            "thinking", "there", "here", "into", "and", "to", "for", "on", "paying", "looking");
    /** "stop this", "stop it now", "stop this nonsense": nothing but these after the verb. */
    private static final Set<String> STOP_THIS = Set.of("this", "these", "that", "it", "all", "the", "nonsense", "crap",
            "shit", "bs", "already", "now", "please", "pls", "plz", "asap", "immediately", "right", "away", "thanks");
    private static final Set<String> NEGATIONS = Set.of("dont", "never");
    /** "no texting", "no calls": "no" revokes only right before these (not "no, call me later"). */
    private static final Set<String> NO_BEFORE = Set.of("texting", "texts", "txts", "messages", "msgs", "calls", "calling",
            "emails", "spam", "contact", "messaging", "sms", "more");
    private static final Set<String> CONTACT_VERBS = Set.of("text", "txt", "texting", "message", "msg", "messaging",
            "contact", "contacting", "call", "calling", "email", "emailing", "send", "sending", "write", "bother", "spam");
    private static final Set<String> REMOVE_VERBS = Set.of("remove", "delete", "erase", "lose", "loose", "forget");
    private static final Set<String> REMOVE_OBJECTS = Set.of("me", "number", "numbers", "info", "contact", "name", "us",
            "digits", "phone", "cell", "list");
    private static final List<List<String>> REVOCATIONS = phrases(
            "leave me alone", "go away", "fuck off", "f off", "piss off", "get lost", "wrong number", "wrong num",
            "wrong person", "wrong phone", "wrong guy", "wrong girl", "not interested", "not intrested", "not interesed",
            "no interest", "unsubscribe", "optout", "stopall", "cease and desist", "block you", "blocking you",
            "block this", "blocking this", "report you", "reporting you", "reported as spam", "this is spam", "spam",
            "no more", "take me off", "take my number off", "take us off", "off your list", "off the list",
            "off my phone", "who gave you my number", "never signed up", "opt me out", "not my number", "isnt my number",
            "not my phone", "not my cell", "no longer my number",
            // Spanish
            "numero equivocado", "numero incorrecto", "equivocado de numero", "equivocaron de numero",
            "equivoco de numero", "no estoy interesado", "no estoy interesada", "no me interesa", "no nos interesa",
            "de baja", "ya basta", "dejenme en paz", "dejame en paz", "dejen de", "deja de", "dejar de", "ya no",
            "quitenme", "quiteme", "quitame", "sacame", "saquenme", "borren mi", "borra mi", "borrar mi");
    /** "no more" and "ya no" and "dejen de" revoke only about contact: "no more than 20k" does not. */
    private static final Set<String> NEEDS_CONTACT_AFTER = Set.of("no more", "ya no", "dejen de", "deja de", "dejar de");
    private static final Set<String> SPANISH_CONTACT = Set.of("mensajes", "mensaje", "msj", "msjs", "textos", "texto",
            "llamadas", "escriban", "escribas", "escribir", "manden", "mandes", "mandar", "envien", "envies", "enviar",
            "contacten", "contactes", "contactar", "llamen", "llames", "llamar", "molesten", "molestes", "molestar", "quiero",
            "me", "sms", "mas", "escribirme", "mandarme", "enviarme", "llamarme", "molestarme", "contactarme", "textearme");
    /** "not interested in financing" is about the deal, not about being contacted. */
    private static final Set<String> DEAL_TOPICS = Set.of("financing", "finance", "leasing", "lease", "trade", "trading",
            "warranty", "warranties", "extended", "gap", "addons", "accessories", "that", "the");
    private static final Set<String> SPANISH_NO_ME = Set.of("escriban", "escribas", "envien", "envies", "manden", "mandes",
            "contacten", "contactes", "llamen", "llames", "molesten", "molestes", "textees", "texteen");
    private static final Set<String> OPT_IN_KEYWORDS = Set.of("start", "unstop", "subscribe", "resume", "restart");
    /** YES (or SÍ) re-enables texting only for a number that opted out; otherwise it is an ordinary, welcome reply. */
    private static final Set<String> CONDITIONAL_OPT_IN = Set.of("yes", "si");
    private static final Set<String> HELP_KEYWORDS = Set.of("help", "info", "ayuda");

    private ReplyClassifier() {
    }

    public static ReplyIntent classify(String body, boolean currentlyOptedOut) {
        List<String> words = words(body);
        if (isOptOut(words)) {
            return ReplyIntent.OPT_OUT;
        }
        List<String> core = words.stream().filter(w -> !POLITENESS.contains(w)).toList();
        if (!core.isEmpty() && core.stream().allMatch(OPT_IN_KEYWORDS::contains)
                || currentlyOptedOut && core.size() == 1 && CONDITIONAL_OPT_IN.contains(core.get(0))) {
            return ReplyIntent.OPT_IN;
        }
        if (!core.isEmpty() && core.stream().allMatch(HELP_KEYWORDS::contains)) {
            return ReplyIntent.HELP;
        }
        return ReplyIntent.OTHER;
    }

    static boolean isOptOut(List<String> words) {
        List<String> core = words.stream().filter(w -> !POLITENESS.contains(w)).toList();
        if (!core.isEmpty() && core.stream().allMatch(ReplyClassifier::isKeyword)) {
            return true;
        }
        for (int i = 0; i < words.size(); i++) {
            if (revocationAt(words, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean revocationAt(List<String> w, int i) {
        String word = w.get(i);
        boolean negated = i > 0 && Set.of("dont", "never", "cant", "wont", "cannot").contains(w.get(i - 1));
        // stop / quit / cease ... texting me; "stop this", "stop it now" (not "stop by", "don't stop", "can't stop thinking")
        if (Set.of("stop", "quit", "cease", "stpo").contains(word) && !negated && i + 1 < w.size()
                && !NOT_ABOUT_CONTACT.contains(w.get(i + 1))
                && (contactWithin(w, i + 1, 3) || w.subList(i + 1, w.size()).stream().allMatch(STOP_THIS::contains))) {
            return true;
        }
        // don't text / never contact me (not "don't stop ...", not "don't call, text me instead")
        if (NEGATIONS.contains(word) && i + 1 < w.size() && !"stop".equals(w.get(i + 1)) && anyWithin(w, i + 1, 2, CONTACT_VERBS)
                && !asksForTextsInstead(w, i + 1)) {
            return true;
        }
        // don't want any more texts / don't need these messages
        if (NEGATIONS.contains(word) && i + 1 < w.size() && Set.of("want", "need").contains(w.get(i + 1))
                && contactWithin(w, i + 2, 4)) {
            return true;
        }
        // "nope, stop" / "not interested. stop": a message that ends in stop (not "bus stop", "non stop")
        if (i == w.size() - 1 && i > 0 && Set.of("stop", "stpo").contains(word) && !negated
                && !Set.of("bus", "non", "pit", "truck", "one", "full", "rest", "last", "first", "next", "a", "the", "to")
                        .contains(w.get(i - 1))) {
            return true;
        }
        // no quiero recibir mensajes / favor de no enviar mensajes
        if ("no".equals(word) && i + 1 < w.size() && (Set.of("quiero", "queremos").contains(w.get(i + 1))
                ? anyWithin(w, i + 2, 3, SPANISH_CONTACT)
                : Set.of("enviar", "mandar", "escribir", "llamar", "contactar", "molestar", "envien", "manden", "escriban",
                        "llamen").contains(w.get(i + 1)))) {
            return true;
        }
        // no texting / no more texts (not "no, call me later")
        if ("no".equals(word) && i + 1 < w.size() && NO_BEFORE.contains(w.get(i + 1)) && !"more".equals(w.get(i + 1))) {
            return true;
        }
        // remove me / delete my number / lose my number
        if (REMOVE_VERBS.contains(word) && anyWithin(w, i + 1, 3, REMOVE_OBJECTS)) {
            return true;
        }
        // no me escriban / no me manden
        if ("no".equals(word) && i + 2 < w.size() && "me".equals(w.get(i + 1)) && SPANISH_NO_ME.contains(w.get(i + 2))) {
            return true;
        }
        // "no mas" at the end, or about messages: "no más mensajes", "no más por favor"
        if ("no".equals(word) && i + 1 < w.size() && "mas".equals(w.get(i + 1))
                && (i + 2 == w.size() || anyWithin(w, i + 2, 1, Set.of("mensajes", "textos", "msj", "sms", "llamadas", "por", "gracias", "favor")))) {
            return true;
        }
        for (List<String> phrase : REVOCATIONS) {
            if (startsAt(w, i, phrase) && phraseCounts(w, i, phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean phraseCounts(List<String> w, int i, List<String> phrase) {
        String joined = String.join(" ", phrase);
        int after = i + phrase.size();
        if (joined.startsWith("not int") || joined.equals("no interest")) {
            return !(after + 1 < w.size() && "in".equals(w.get(after)) && DEAL_TOPICS.contains(w.get(after + 1)));
        }
        if (!NEEDS_CONTACT_AFTER.contains(joined)) {
            return true;
        }
        return contactWithin(w, after, 3) || anyWithin(w, after, 3, SPANISH_CONTACT) || after == w.size();
    }

    private static boolean asksForTextsInstead(List<String> w, int verb) {
        if (!Set.of("call", "calling").contains(w.get(verb))) {
            return false;
        }
        String rest = String.join(" ", w.subList(verb, w.size()));
        return rest.contains("text me") || rest.contains("txt me") || rest.contains("instead") || rest.contains("just text");
    }

    private static boolean isKeyword(String word) {
        if (OPT_OUT_KEYWORDS.contains(word) || STOP_SLIPS.contains(word)) {
            return true;
        }
        return word.length() >= 6 && OPT_OUT_KEYWORDS.stream().filter(k -> k.length() >= 6)
                .anyMatch(k -> editDistanceAtMostOne(word, k));
    }

    private static boolean contactWithin(List<String> w, int from, int span) {
        return anyWithin(w, from, span, CONTACT_WORDS);
    }

    private static boolean anyWithin(List<String> w, int from, int span, Set<String> targets) {
        for (int j = from; j < Math.min(w.size(), from + span); j++) {
            if (targets.contains(w.get(j))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsAt(List<String> w, int i, List<String> phrase) {
        if (i + phrase.size() > w.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            if (!w.get(i + k).equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Same letters but one changed, added, dropped, or two swapped. */
    static boolean editDistanceAtMostOne(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    diffs++;
                    first = first < 0 ? i : first;
                }
            }
            return diffs == 1 || diffs == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower-case words with accents, punctuation and emoji removed; the stop sign emoji reads as "stop", and the
     * split forms "opt out", "stop all", "no más", "un subscribe", "don't" are joined.
     */
    static List<String> words(String body) {
        if (body == null) {
            return List.of();
        }
        String text = body.replace("\uD83D\uDED1", " stop ").replace("’", "'");
        text = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        text = text.replaceAll("\\b(\\p{L}+)n'?t\\b", "$1nt").replace("do not", "dont").replace("cannot", "cant");
        List<String> raw = new ArrayList<>(Arrays.asList(text.replaceAll("[^\\p{L}\\p{N}]+", " ").trim().split(" ")));
        raw.removeIf(String::isEmpty);
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String pair = i + 1 < raw.size() ? raw.get(i) + " " + raw.get(i + 1) : "";
            switch (pair) {
                case "opt out", "stop all", "un subscribe", "unsub scribe" -> {
                    joined.add(pair.replace(" ", ""));
                    i++;
                }
                default -> joined.add(raw.get(i));
            }
        }
        if (joined.size() == 2 && joined.get(0).equals("no") && joined.get(1).equals("mas")) {
            return List.of("nomas");
        }
        return joined;
    }

    private static List<List<String>> phrases(String... phrases) {
        return Arrays.stream(phrases).map(p -> List.of(p.split(" "))).toList();
    }
}
