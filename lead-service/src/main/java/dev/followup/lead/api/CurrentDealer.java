package dev.followup.lead.api;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import dev.followup.lead.domain.ApiKeys;

/** The dealer whose key authenticated this request; everything a dealer endpoint reads or writes is scoped to it. */
@RequestScoped
public class CurrentDealer {
    private ApiKeys.Holder holder;

    void set(ApiKeys.Holder holder) {
        this.holder = holder;
    }

    public ApiKeys.Holder holder() {
        if (holder == null) {
            throw new IllegalStateException("no authenticated dealer on this request");
        }
        return holder;
    }

    public UUID id() {
        return holder().dealerId();
    }
}
