package dev.followup.messaging.config;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.followup.messaging.domain.TextingGateway;

/** Sandbox mode (no Twilio credentials): the text is recorded by the caller and goes nowhere. */
public class SandboxGateway implements TextingGateway {
    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public Accepted send(OutboundText text) {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return new Accepted("SM" + HexFormat.of().formatHex(id), "queued", segments(text.body()));
    }

    /** GSM-7: 160 characters, 153 per part; anything else UCS-2: 70, 67 per part. */
    static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> c < 128);
        int length = body.codePointCount(0, body.length());
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return length <= single ? 1 : (length + part - 1) / part;
    }
}
