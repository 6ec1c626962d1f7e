package dev.followup.cadence.domain.step;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.plan.Channel;

/** The step implementation of each channel. */
@ApplicationScoped
public class ChannelSteps {
    private final TextStep text;
    private final EmailStep email;
    private final CallStep call;

    public ChannelSteps(TextStep text, EmailStep email, CallStep call) {
        this.text = text;
        this.email = email;
        this.call = call;
    }

    public ChannelStep of(Channel channel) {
        return switch (channel) {
            case TEXT -> text;
            case EMAIL -> email;
            case CALL -> call;
        };
    }
}
