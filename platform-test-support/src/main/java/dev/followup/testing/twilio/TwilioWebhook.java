package dev.followup.testing.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook request as Twilio sends it (form parameters), and its {@code X-Twilio-Signature}: Base64 of the
 * HMAC-SHA1, keyed with the auth token, of the full URL Twilio called followed by every parameter name and value,
 * sorted by name (the algorithm of {@code com.twilio.security.RequestValidator}).
 * <pre>
 * TwilioWebhook reply = TwilioWebhook.inboundMessage(accountSid, "+15125550123", "+15125550100", "STOP");
 * given().header(TwilioWebhook.SIGNATURE_HEADER, reply.signature(authToken, "https://public.example/twilio/inbound"))
 *        .formParams(reply.params()).post("/twilio/inbound");
 * </pre>
 */
public final class TwilioWebhook {
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final Map<String, String> params;

    private TwilioWebhook(Map<String, String> params) {
        this.params = params;
    }

    public static TwilioWebhook of(Map<String, String> params) {
        return new TwilioWebhook(new LinkedHashMap<>(params));
    }

    /** An incoming text, as posted to the number's or Messaging Service's inbound webhook. */
    public static TwilioWebhook inboundMessage(String accountSid, String from, String to, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        String sid = newMessageSid();
        params.put("ToCountry", "US");
        params.put("SmsMessageSid", sid);
        params.put("NumMedia", "0");
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", to);
        params.put("NumSegments", "1");
        params.put("MessageSid", sid);
        params.put("AccountSid", accountSid);
        params.put("From", from);
        params.put("ApiVersion", "2010-04-01");
        return new TwilioWebhook(params);
    }

    /** A status callback for an outbound message. */
    public static TwilioWebhook statusCallback(String accountSid, String messageSid, String from, String to, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SmsSid", messageSid);
        params.put("SmsStatus", status);
        params.put("MessageStatus", status);
        params.put("To", to == null ? "" : to);
        params.put("MessageSid", messageSid);
        params.put("AccountSid", accountSid);
        if (from != null) {
            params.put("From", from);
        }
        params.put("ApiVersion", "2010-04-01");
        return new TwilioWebhook(params);
    }

    /** Adds or replaces a parameter (e.g. ErrorCode, MessagingServiceSid); returns this. */
    public TwilioWebhook with(String name, String value) {
        params.put(name, value);
        return this;
    }

    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The form-encoded body. */
    public String formBody() {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The X-Twilio-Signature Twilio would send for these parameters posted to {@code url} (the full URL it called). */
    public String signature(String authToken, String url) {
        return sign(authToken, url, params);
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    public static String newMessageSid() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "SM" + HexFormat.of().formatHex(bytes);
    }
}
