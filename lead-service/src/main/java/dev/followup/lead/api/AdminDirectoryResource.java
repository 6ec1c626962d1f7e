package dev.followup.lead.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.lead.api.AdminRequests.ApiKeyRequest;
import dev.followup.lead.api.AdminRequests.ApiKeyView;
import dev.followup.lead.api.AdminRequests.CreatedApiKey;
import dev.followup.lead.api.AdminRequests.DealerRequest;
import dev.followup.lead.api.AdminRequests.DealerView;
import dev.followup.lead.api.AdminRequests.HoursRequest;
import dev.followup.lead.api.AdminRequests.RepRequest;
import dev.followup.lead.api.AdminRequests.RepView;
import dev.followup.lead.domain.ApiKeys;
import dev.followup.lead.domain.Dealer;
import dev.followup.lead.domain.Directory;
import dev.followup.lead.domain.PhoneNumbers;
import dev.followup.lead.domain.Rep;
import dev.followup.lead.kafka.DealerDirectoryEvent;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** Operations API: dealers, reps and dealer API keys (Bearer admin token). */
@Path("/admin")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminDirectoryResource {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Directory directory;
    private final ApiKeys apiKeys;
    private final ApiKeyCache keyCache;

    public AdminDirectoryResource(Directory directory, ApiKeys apiKeys, ApiKeyCache keyCache) {
        this.directory = directory;
        this.apiKeys = apiKeys;
        this.keyCache = keyCache;
    }

    @POST
    @Path("/dealers")
    @Operation(summary = "Create a dealer (published as directory.dealer.v1)")
    public Response createDealer(@Valid @NotNull DealerRequest request) {
        Dealer dealer = directory.createDealer(settings(request));
        return Response.status(201).entity(DealerView.of(dealer, directory)).build();
    }

    @GET
    @Path("/dealers")
    public List<DealerView> dealers() {
        return directory.dealers().stream().map(d -> DealerView.of(d, directory)).toList();
    }

    @GET
    @Path("/dealers/{dealerId}")
    public DealerView dealer(@PathParam("dealerId") String dealerId) {
        return DealerView.of(directory.dealer(id(dealerId, "Dealer")), directory);
    }

    @PUT
    @Path("/dealers/{dealerId}")
    @Operation(summary = "Replace a dealer's settings (published as directory.dealer.v1)")
    public DealerView updateDealer(@PathParam("dealerId") String dealerId, @Valid @NotNull DealerRequest request) {
        Dealer dealer = directory.updateDealer(id(dealerId, "Dealer"), settings(request));
        keyCache.invalidateAll(); // country, zone and active state travel with cached keys
        return DealerView.of(dealer, directory);
    }

    @POST
    @Path("/dealers/{dealerId}/reps")
    @Operation(summary = "Add a rep to a dealer (published as directory.rep.v1)")
    public Response createRep(@PathParam("dealerId") String dealerId, @Valid @NotNull RepRequest request) {
        Dealer dealer = directory.dealer(id(dealerId, "Dealer"));
        Rep rep = directory.createRep(dealer.id, settings(request, dealer.country));
        return Response.status(201).entity(RepView.of(rep)).build();
    }

    @GET
    @Path("/dealers/{dealerId}/reps")
    public List<RepView> reps(@PathParam("dealerId") String dealerId) {
        return directory.reps(id(dealerId, "Dealer")).stream().map(RepView::of).toList();
    }

    @GET
    @Path("/reps/{repId}")
    public RepView rep(@PathParam("repId") String repId) {
        return RepView.of(directory.rep(id(repId, "Rep")));
    }

    @PUT
    @Path("/reps/{repId}")
    @Operation(summary = "Replace a rep's settings (published as directory.rep.v1)")
    public RepView updateRep(@PathParam("repId") String repId, @Valid @NotNull RepRequest request) {
        Rep rep = directory.rep(id(repId, "Rep"));
        Dealer dealer = directory.dealer(rep.dealerId);
        return RepView.of(directory.updateRep(rep.id, settings(request, dealer.country)));
    }

    @POST
    @Path("/dealers/{dealerId}/api-keys")
    @Operation(summary = "Create an API key; the key is in this answer only (store it now). Rotate = create + revoke.")
    public Response createKey(@PathParam("dealerId") String dealerId, @Valid ApiKeyRequest request) {
        Dealer dealer = directory.dealer(id(dealerId, "Dealer"));
        ApiKeyRequest r = request == null ? new ApiKeyRequest(null, null, null) : request;
        ApiKeys.Created created = apiKeys.create(dealer.id, r.label(), r.ratePerSecond(), r.burst());
        return Response.status(201).entity(new CreatedApiKey(created.secretKey(), ApiKeyView.of(created.key()))).build();
    }

    @GET
    @Path("/dealers/{dealerId}/api-keys")
    public List<ApiKeyView> keys(@PathParam("dealerId") String dealerId) {
        Dealer dealer = directory.dealer(id(dealerId, "Dealer"));
        return apiKeys.list(dealer.id).stream().map(ApiKeyView::of).toList();
    }

    @POST
    @Path("/dealers/{dealerId}/api-keys/{keyId}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke a key; every replica refuses it within followup.api-key.cache-ttl")
    public ApiKeyView revoke(@PathParam("dealerId") String dealerId, @PathParam("keyId") String keyId) {
        ApiKeyView revoked = ApiKeyView.of(apiKeys.revoke(id(dealerId, "Dealer"), id(keyId, "API key")));
        keyCache.invalidateAll();
        return revoked;
    }

    private static Directory.DealerSettings settings(DealerRequest r) {
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("timeZone", "not an IANA time zone id, e.g. America/Chicago");
        }
        if (!COUNTRIES.contains(r.country())) {
            throw ProblemException.badRequest("country", "not an ISO 3166-1 alpha-2 country code");
        }
        List<DealerDirectoryEvent.BusinessHours> hours = null;
        if (r.businessHours() != null) {
            for (int i = 0; i < r.businessHours().size(); i++) {
                HoursRequest h = r.businessHours().get(i);
                if (h == null || !LocalTime.parse(h.closes()).isAfter(LocalTime.parse(h.opens()))) {
                    throw ProblemException.badRequest("businessHours[" + i + "].closes", "closes must be after opens");
                }
            }
            hours = r.businessHours().stream()
                    .map(h -> new DealerDirectoryEvent.BusinessHours(h.day(), h.opens(), h.closes())).toList();
        }
        if (r.websiteUrl() != null) {
            try {
                if (!new URI(r.websiteUrl()).isAbsolute()) {
                    throw ProblemException.badRequest("websiteUrl", "an absolute URL, e.g. https://dealer.example.com");
                }
            } catch (URISyntaxException e) {
                throw ProblemException.badRequest("websiteUrl", "not a URL");
            }
        }
        return new Directory.DealerSettings(r.name().trim(), r.timeZone(), r.country(), blankToNull(r.postalCode()),
                r.state(), hours, phone(r.textingNumber(), r.country(), "textingNumber"), r.messagingServiceSid(),
                phone(r.contactPhone(), r.country(), "contactPhone"), blankToNull(r.contactEmail()),
                blankToNull(r.websiteUrl()), blankToNull(r.mailingAddress()), r.sendRatePerMinute(), r.optOutScope(),
                Boolean.TRUE.equals(r.optOutConfirmation()), Boolean.TRUE.equals(r.killSwitch()),
                !Boolean.FALSE.equals(r.active()));
    }

    /** A number another active dealer holds: 409, naming the field. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response numberTaken(Directory.NumberTaken e) {
        return dev.followup.platform.api.ProblemMappers.respond(dev.followup.platform.api.Problem.of(409, "Conflict",
                e.getMessage(), e.field()));
    }

    private static Directory.RepSettings settings(RepRequest r, String country) {
        return new Directory.RepSettings(r.name().trim(), phone(r.phone(), country, "phone"),
                r.email() == null ? null : r.email().trim().toLowerCase(Locale.ROOT), r.dailyCallCapacity(),
                !Boolean.FALSE.equals(r.active()), r.role() == null ? Rep.ROLE_REP : r.role());
    }

    private static String phone(String raw, String country, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(raw, country)
                .orElseThrow(() -> ProblemException.badRequest(field, "not a valid phone number for region " + country));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what + " " + value);
        }
    }
}
