package dev.followup.messaging.twilio;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import dev.followup.messaging.config.TwilioSettings;
import dev.followup.messaging.domain.text.SendFailure;
import dev.followup.messaging.domain.text.TextingGateway;

/**
 * Sends through the real Twilio SDK. The SDK's HTTP client is built from our own Apache HttpClient builder: its
 * automatic retries are off (a retried POST could text twice; {@code SendService} owns the retry policy), and with
 * {@code followup.twilio.api-base-url} set, a route planner sends every request to that server (region and edge
 * settings only change the twilio.com host name).
 */
public class TwilioGateway implements TextingGateway {
    private static final int[] NO_RETRY_CODES = new int[0];

    private final TwilioRestClient client;

    public TwilioGateway(TwilioSettings settings) {
        HttpClientBuilder http = HttpClients.custom()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(64).setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.responseTimeout())).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout())).build());
        settings.apiBaseUrl().filter(url -> !url.isBlank()).ifPresent(url -> http.setRoutePlanner(fixedRoute(url)));
        NetworkHttpClient network = new NetworkHttpClient(http) {
            @Override
            public Response reliableRequest(Request request) {
                return reliableRequest(request, NO_RETRY_CODES, 1, 0);
            }
        };
        this.client = new TwilioRestClient.Builder(settings.accountSid().orElseThrow(), settings.authToken().orElseThrow())
                .httpClient(network).build();
    }

    @Override
    public boolean sandbox() {
        return false;
    }

    @Override
    public Accepted send(OutboundText text) {
        MessageCreator creator = text.messagingServiceSid() != null
                ? Message.creator(new PhoneNumber(text.to()), text.messagingServiceSid(), text.body())
                : Message.creator(new PhoneNumber(text.to()), new PhoneNumber(text.from()), text.body());
        creator.setStatusCallback(text.statusCallback());
        try {
            Message message = creator.create(client);
            return new Accepted(message.getSid(), message.getStatus() == null ? "queued" : message.getStatus().toString(),
                    segments(message.getNumSegments()));
        } catch (ApiConnectionException e) {
            throw new SendFailureException(connectionFailure(e), e);
        } catch (ApiException e) {
            // SDK 13 reports an I/O failure (refused connection, lost or late answer) as an ApiException with no status.
            if (e.getStatusCode() == null && hasIoCause(e)) {
                throw new SendFailureException(connectionFailure(e), e);
            }
            throw new SendFailureException(SendFailure.fromApiError(e.getStatusCode(), e.getCode(), e.getMessage()), e);
        }
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Lookup find(OutboundText text, java.util.Set<String> excludedSids) {
        try {
            com.twilio.rest.api.v2010.account.MessageReader reader = Message.reader().setTo(new PhoneNumber(text.to()))
                    .setPageSize(50L);
            if (text.from() != null) {
                reader.setFrom(new PhoneNumber(text.from()));
            }
            for (Message message : reader.firstPage(client).getRecords()) {
                boolean sameSender = text.messagingServiceSid() == null
                        || text.messagingServiceSid().equals(message.getMessagingServiceSid());
                if (sameSender && text.body().equals(message.getBody()) && !excludedSids.contains(message.getSid())) {
                    return new Found(new Accepted(message.getSid(),
                            message.getStatus() == null ? "queued" : message.getStatus().toString(), segments(message.getNumSegments())));
                }
            }
            return new NotFound();
        } catch (ApiConnectionException | ApiException e) {
            return new LookupFailed(e.getMessage());
        }
    }

    /**
     * A connection that could not be made never reached Twilio: safe to retry. Any other I/O failure (above all a
     * timeout waiting for the answer) may come after Twilio took the text: unconfirmed, not resent.
     */
    static SendFailure connectionFailure(RuntimeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpHostConnectException || cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return new SendFailure(SendFailure.Kind.RETRY, null, null, "cannot connect to Twilio: " + cause.getMessage());
            }
            if (cause instanceof InterruptedIOException) {
                break;
            }
        }
        return new SendFailure(SendFailure.Kind.UNCONFIRMED, null, null, "no answer from Twilio: " + e.getMessage());
    }

    private static int segments(String numSegments) {
        try {
            return Math.max(1, Integer.parseInt(numSegments));
        } catch (NumberFormatException | NullPointerException e) {
            return 1;
        }
    }

    private static HttpRoutePlanner fixedRoute(String baseUrl) {
        HttpHost target;
        try {
            target = HttpHost.create(java.net.URI.create(baseUrl));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("followup.twilio.api-base-url is not a URL: " + baseUrl, e);
        }
        return new HttpRoutePlanner() {
            @Override
            public HttpRoute determineRoute(HttpHost requested, HttpContext context) {
                return new HttpRoute(target);
            }
        };
    }
}
