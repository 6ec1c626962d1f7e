package dev.followup.messaging.twilio;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.followup.messaging.domain.text.TextingGateway;
import dev.followup.platform.sms.SmsSegments;

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
        return new Accepted("SM" + HexFormat.of().formatHex(id), "queued", SmsSegments.count(text.body()));
    }

    /** A sandbox text is recorded by the caller or not at all: one whose record was lost never went anywhere. */
    @Override
    public Lookup find(OutboundText text, java.util.Set<String> excludedSids) {
        return new NotFound();
    }
}
