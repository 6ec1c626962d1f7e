package dev.followup.messaging.api;

/** The answers Twilio expects from a messaging webhook. */
final class TwiML {
    static final String MEDIA_TYPE = "application/xml";
    static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private TwiML() {
    }

    static String answer(String message) {
        if (message == null) {
            return EMPTY;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escape(message) + "</Message></Response>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
