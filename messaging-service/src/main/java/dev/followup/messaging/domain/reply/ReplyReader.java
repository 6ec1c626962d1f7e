package dev.followup.messaging.domain.reply;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Understands a reply, English or Spanish, with rules and dictionaries: opt-out, opt-in and HELP first (the
 * {@link ReplyClassifier}, whose opt-out reading wins over everything), then, in this order, a customer who is not
 * looking any more, a request for a call, a request to come in (with the day and time from {@link WhenParser}), and a
 * question about price, availability, a trade-in or financing. The labelled corpus
 * (src/test/resources/replies/corpus.tsv) and its precision/recall table in the README keep it honest.
 */
public final class ReplyReader {
    private static final List<String> BOUGHT_ELSEWHERE = List.of("already bought", "just bought", "bought one",
            "bought a", "bought another", "bought elsewhere", "bought somewhere", "bought something", "bought it",
            "purchased one", "purchased a", "already purchased", "just purchased", "went with another",
            "went with a different", "went with someone", "went elsewhere", "went with the", "found one", "found a car",
            "found a truck", "found another", "found something", "found what", "got one already", "already got one",
            "already got a", "just got a", "ended up buying", "ended up getting", "ended up going", "picked one up",
            "ya compre", "compre otro", "compre uno", "compre una", "ya compramos", "compramos otro", "ya lo compre",
            "ya encontre", "encontre otro", "encontre uno", "ya consegui", "consegui otro", "ya tengo carro",
            "ya tengo uno", "ya tengo una", "ya tenemos");
    /** "bought a car from you last year" is a customer, not a lost deal. */
    private static final List<String> FROM_THIS_DEALER = List.of("from you", "from your", "with you", "from y all",
            "bought here", "con ustedes", "de ustedes", "aqui");
    private static final List<String> NO_LONGER_LOOKING = List.of("no longer looking", "not looking anymore",
            "not looking any more", "stopped looking", "done looking", "no longer in the market", "not in the market",
            "out of the market", "changed my mind", "decided not to", "decided to keep", "keeping my car",
            "keep my car", "keep my truck", "not buying", "no longer need", "dont need a car", "dont need one",
            "dont need a vehicle", "not shopping", "no longer interested", "ya no estoy buscando", "ya no busco",
            "ya no necesito", "cambie de opinion", "no voy a comprar", "ya no vamos a comprar", "ya no lo necesito");
    private static final List<String> CALL_ME = List.of("call me", "give me a call", "give me a ring", "call back",
            "ring me", "phone me", "can you call", "could you call", "can u call", "please call", "pls call", "plz call",
            "call my", "you can call", "call when", "call at", "call anytime", "call tomorrow", "call around",
            "call after", "call before", "call now", "call asap", "prefer a call", "rather talk", "rather call",
            "llamame", "llameme", "llamenme", "me puede llamar", "me pueden llamar", "me puedes llamar", "me llaman",
            "me llamas", "me llama", "marcame", "marqueme", "me marcan", "me marcas", "me puede marcar",
            "me pueden marcar");
    private static final List<String> VISIT = List.of("come in", "come by", "come down", "come over", "come see",
            "come look", "come check", "come test", "come to", "come out", "stop by", "stop in", "stop over",
            "swing by", "drop by", "drop in", "pop in", "pop by", "head over", "head in", "visit", "see it", "see the",
            "look at it", "check it out", "test drive", "testdrive", "drive it", "appointment", "appt", "be there",
            "take a look",
            "see you", "meet", "go in", "go by", "be by", "pick it up", "come see it", "stop at the", "stop at your",
            "come at", "can come", "could come", "i ll come", "we ll come", "come around", "set up a time",
            "pasar", "paso", "pasamos", "pasaria", "ir a verlo", "ir a verla", "ir a ver", "puedo ir", "podemos ir",
            "visitar", "cita", "verlo", "verla", "manejarlo", "manejarla", "prueba de manejo", "nos vemos", "te veo",
            "lo veo", "voy a ir", "voy a pasar", "vamos a ir", "vamos a pasar", "ire", "llego", "llegamos", "estare ahi",
            "estoy ahi");
    private static final List<String> AGREE = List.of("works", "work for me", "sounds good", "ok", "okay", "sure",
            "yes", "yeah", "yep", "perfect", "great", "how about", "what about", "i can do", "can do", "i m free",
            "im free", "i am free", "i m available", "im available", "i am available", "fine", "good for me",
            "esta bien", "si", "va", "perfecto", "me queda", "puedo", "podemos", "claro", "de acuerdo");
    private static final List<String> CANNOT = List.of("cant", "cannot", "busy", "wont make", "unable", "not available",
            "no puedo", "no podemos", "cancel");
    /** After a "can't", what still proposes a time: "can't Saturday, how about Sunday at 2?". */
    private static final List<String> ALTERNATIVE = List.of("how about", "what about", "instead", "rather", "works",
            "can do", "mejor", "que tal", "en vez");
    private static final Map<QuestionKind, List<String>> QUESTION_WORDS = Map.of(
            QuestionKind.PRICE, List.of("price", "prices", "pricing", "cost", "costs", "best price",
                    "out the door", "otd", "msrp", "discount", "discounts", "quote", "deal", "rebate", "rebates",
                    "incentive", "incentives", "precio", "precios", "cuesta", "costo", "descuento",
                    "cotizacion"),
            QuestionKind.AVAILABILITY, List.of("available", "availability", "in stock", "still there", "still have",
                    "still for sale", "sold yet", "is it sold", "been sold", "do you have", "do you guys have",
                    "have it in", "have any", "any left", "on the lot", "disponible", "todavia lo", "todavia la",
                    "aun lo", "aun la", "lo tienen", "la tienen", "tienen la", "tienen el", "tienen otra", "tienen otro",
                    "sigue disponible", "ya se vendio", "hold it", "get one in", "get any"),
            QuestionKind.TRADE_IN, List.of("trade", "trade in", "tradein", "trading", "trades", "what would you give",
                    "what will you give", "my car worth", "my truck worth", "a cuenta", "intercambio", "intercambiar",
                    "aceptan carros", "aceptan mi", "toman mi"),
            QuestionKind.FINANCING, List.of("financing", "finance", "financed", "credit", "apr", "interest rate",
                    "interest rates", "rates", "down payment", "monthly", "payment", "payments", "lease", "leasing",
                    "loan", "approved", "approval", "financiamiento", "financiar", "financian", "credito", "enganche",
                    "mensualidad", "mensualidades", "pagos", "plazos"));
    private static final Set<String> ASKING_WORDS = Set.of("how", "what", "whats", "when", "where", "which", "is", "are",
            "do", "does", "can", "could", "would", "will", "any", "send", "text", "tell", "need", "want", "email",
            "cual", "cuanto", "cuando", "donde", "tienen", "aceptan", "hay", "puedo", "pueden", "me", "quiero", "necesito",
            "mandame", "manden", "que", "como");
    private static final Pattern CLOCK_WORD = Pattern.compile("\\d{1,2}(:\\d{2})?(am|pm|a|p)?");
    private static final Pattern AMOUNT_OFFER = Pattern.compile(" (do|take|offer|pay) \\d+ ?k ");

    private ReplyReader() {
    }

    public static ReplyReading read(String body, boolean currentlyOptedOut) {
        ReplyIntent basic = ReplyClassifier.classify(body, currentlyOptedOut);
        if (basic != ReplyIntent.OTHER) {
            return ReplyReading.only(basic);
        }
        String text = padded(body);
        Set<QuestionKind> kinds = questionKinds(text);
        String question = kinds.isEmpty() ? null : questionSentence(body);
        ProposedTime when = WhenParser.find(body).orElse(null);
        ReplyReading.NotLooking notLooking = notLooking(text);
        if (notLooking != null) {
            return new ReplyReading(ReplyIntent.NOT_LOOKING, null, kinds, question, notLooking);
        }
        if (any(text, CALL_ME)) {
            return new ReplyReading(ReplyIntent.CALL_ME, when, kinds, question, null);
        }
        if (wantsToComeIn(text, when)) {
            return new ReplyReading(ReplyIntent.APPOINTMENT, when, kinds, question, null);
        }
        boolean asks = body.contains("?") || body.contains("¿") || ASKING_WORDS.contains(text.strip().split(" ")[0])
                || any(text, List.of("let me know", "want to know", "i need", "need help", "i want", "i d like", "id like",
                        "necesito", "quiero saber", "me interesa saber"));
        if (!kinds.isEmpty() && asks) {
            return new ReplyReading(ReplyIntent.QUESTION, null, kinds, question, null);
        }
        return new ReplyReading(ReplyIntent.OTHER, null, kinds, null, null);
    }

    private static ReplyReading.NotLooking notLooking(String text) {
        if (any(text, BOUGHT_ELSEWHERE) && !any(text, FROM_THIS_DEALER)
                && !any(text, List.of("still looking", "sigo buscando", "trade", "a cuenta"))) {
            return ReplyReading.NotLooking.BOUGHT_ELSEWHERE;
        }
        return any(text, NO_LONGER_LOOKING) ? ReplyReading.NotLooking.NO_LONGER_LOOKING : null;
    }

    /**
     * A visit request ("can I come by Saturday?", "test drive this weekend"), or a day or time the customer agrees to
     * ("Saturday at 10 works", "mañana a las 5"); not "I can't Saturday" nor "cancel my appointment".
     */
    private static boolean wantsToComeIn(String text, ProposedTime when) {
        if (any(text, CANNOT) && !any(text, ALTERNATIVE)) {
            return false;
        }
        boolean visit = any(text, VISIT);
        boolean agrees = any(text, AGREE);
        if (when == null) {
            return visit && !any(text, List.of("hours", "open", "close", "horario", "abren", "cierran"));
        }
        return visit || agrees || any(text, ALTERNATIVE) || onlyTheTime(text);
    }

    /** Nothing but a day and time and the words around them: "Saturday at 10?", "mañana a las 5". */
    private static boolean onlyTheTime(String text) {
        Set<String> filler = Set.of("at", "on", "the", "around", "about", "maybe", "or", "and", "a", "las", "la", "el",
                "en", "por", "de", "this", "next", "then", "morning", "afternoon", "evening", "am", "pm", "tarde", "noche",
                "manana", "after", "before", "by", "o", "y", "tal", "vez", "quizas", "day");
        List<String> tokens = WhenParser.tokens(text);
        return tokens.stream().allMatch(w -> filler.contains(w) || CLOCK_WORD.matcher(w).matches()
                || WhenParser.find(w).isPresent());
    }

    private static Set<QuestionKind> questionKinds(String text) {
        Set<QuestionKind> kinds = EnumSet.noneOf(QuestionKind.class);
        QUESTION_WORDS.forEach((kind, words) -> {
            if (any(text, words)) {
                kinds.add(kind);
            }
        });
        if (!kinds.contains(QuestionKind.FINANCING) && any(text, List.of("cuanto", "how much"))) {
            kinds.add(QuestionKind.PRICE); // "how much is the down payment?" asks about financing
        }
        if (AMOUNT_OFFER.matcher(text).find()) {
            kinds.add(QuestionKind.PRICE);
        }
        if (any(text, List.of("i m available", "im available", "i am available", "we re available"))) {
            kinds.remove(QuestionKind.AVAILABILITY);
        }
        return kinds;
    }

    /** The sentence of the reply that asks (the first with a question mark and a topic; else the first with a topic). */
    private static String questionSentence(String body) {
        String[] sentences = body.strip().split("(?<=[?.!\\n])\\s*");
        Optional<String> asked = Arrays.stream(sentences).filter(s -> s.contains("?") && hasTopic(s)).findFirst();
        String sentence = asked.orElseGet(() -> Arrays.stream(sentences).filter(ReplyReader::hasTopic).findFirst()
                .orElse(body.strip()));
        String trimmed = sentence.strip();
        return trimmed.length() > 300 ? trimmed.substring(0, 300) : trimmed;
    }

    private static boolean hasTopic(String sentence) {
        return !questionKinds(padded(sentence)).isEmpty();
    }

    /** The reply's normalised words between spaces, so a phrase matches only whole words: " can i come by ". */
    private static String padded(String body) {
        return " " + String.join(" ", ReplyClassifier.words(body)) + " ";
    }

    private static boolean any(String text, List<String> phrases) {
        for (String phrase : phrases) {
            if (text.contains(" " + phrase + " ")) {
                return true;
            }
        }
        return false;
    }
}
