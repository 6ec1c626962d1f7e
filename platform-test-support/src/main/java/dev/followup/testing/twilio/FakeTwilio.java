package dev.followup.testing.twilio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.followup.platform.sms.SmsSegments;

/**
 * A local stand-in for Twilio's Programmable Messaging REST API, for tests, end-to-end journeys and benchmarks
 * that run the real Twilio Java SDK (point the service's {@code followup.twilio.api-base-url} at {@link #baseUrl()}).
 * <p>
 * It accepts {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (form-encoded), records every request
 * with its receive time, checks basic auth against the account sid and auth token it was started with, and answers
 * a Twilio-shaped message JSON ({@code sid} "SM" + 32 hex, {@code status} "queued", or "accepted" for a Messaging
 * Service). {@code GET} on the same path lists the messages it accepted (filters To and From, newest first), as
 * Twilio's list endpoint does. It can be scripted: fail the next N requests with a 5xx or 429, answer a Twilio error
 * (21211, 21610, ...) for a given {@code To} number, answer after a delay, lose the answer of the next N messages it
 * accepts (the connection closes without one), and post signed status callbacks back to the service like Twilio
 * does. {@code GET /_fake/requests} lists what it received, for callers in another process.
 */
public final class FakeTwilio implements AutoCloseable {
    public static final String DEFAULT_ACCOUNT_SID = "ACfa4e0000000000000000000000000001";
    public static final String DEFAULT_AUTH_TOKEN = "fake-twilio-auth-token-0123456789";

    private static final Pattern MESSAGES_PATH = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String accountSid;
    private final String authToken;
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final List<ObjectNode> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failureStatus = new AtomicInteger(503);
    private final Map<String, TwilioError> errorsByTo = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> answerHold = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<CallbackPlan> callbacks = new AtomicReference<>();
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeTwilio(HttpServer server, ExecutorService executor, String accountSid, String authToken) {
        this.server = server;
        this.executor = executor;
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    /** Starts on a free localhost port with {@link #DEFAULT_ACCOUNT_SID} / {@link #DEFAULT_AUTH_TOKEN}. */
    public static FakeTwilio start() {
        return start(0, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    }

    /** @param port 0 for a free port */
    public static FakeTwilio start(int port, String accountSid, String authToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-twilio-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            FakeTwilio fake = new FakeTwilio(server, executor, accountSid, authToken);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Twilio server on port " + port, e);
        }
    }

    /** Runs the fake as its own process: {@code FakeTwilio [port] [accountSid] [authToken]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FakeTwilio fake = start(port, args.length > 1 ? args[1] : DEFAULT_ACCOUNT_SID,
                args.length > 2 ? args[2] : DEFAULT_AUTH_TOKEN);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-twilio-stop"));
        System.out.println("Fake Twilio listening on " + fake.baseUrl());
        Thread.currentThread().join();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    // ------------------------------------------------------------------------------------------------ scripting

    /** The next {@code count} message requests are answered with {@code httpStatus} (a 5xx or 429) and a Twilio error body. */
    public FakeTwilio failNext(int count, int httpStatus) {
        failureStatus.set(httpStatus);
        failuresLeft.set(count);
        return this;
    }

    /** The next {@code count} messages are accepted (and listed) but their answer is lost: the connection just closes. */
    public FakeTwilio loseAnswers(int count) {
        answersToLose.set(count);
        return this;
    }

    /** Every message request to this number is answered with this Twilio error code (HTTP 400). */
    public FakeTwilio failFor(String to, int errorCode) {
        return failFor(to, errorCode, 400);
    }

    public FakeTwilio failFor(String to, int errorCode, int httpStatus) {
        errorsByTo.put(to, new TwilioError(errorCode, httpStatus));
        return this;
    }

    /** Every answer waits this long first. */
    public FakeTwilio delay(Duration answerDelay) {
        delay.set(Objects.requireNonNull(answerDelay));
        return this;
    }

    /** Messages are accepted (and listed) at once, but their answers wait this long: a caller may die waiting. */
    public FakeTwilio holdAnswers(Duration hold) {
        answerHold.set(Objects.requireNonNull(hold));
        return this;
    }

    /**
     * After accepting a message, post these statuses (e.g. "sent", "delivered") to its StatusCallback, signed as
     * Twilio would sign them (over the StatusCallback URL). Since that URL is the service's public one, the posts go
     * to {@code reachableBaseUrl} + the callback's path. {@code null} switches callbacks off.
     */
    public FakeTwilio sendStatusCallbacks(String reachableBaseUrl, String... statuses) {
        callbacks.set(reachableBaseUrl == null ? null : new CallbackPlan(reachableBaseUrl, List.of(statuses)));
        return this;
    }

    /** Forgets recorded requests and every script. */
    public FakeTwilio reset() {
        requests.clear();
        failuresLeft.set(0);
        answersToLose.set(0);
        accepted.clear();
        errorsByTo.clear();
        delay.set(Duration.ZERO);
        answerHold.set(Duration.ZERO);
        callbacks.set(null);
        return this;
    }

    // ------------------------------------------------------------------------------------------------ inspection

    /** Every request received, in arrival order (message creations and anything else). */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Message-creation requests for one recipient, in arrival order. */
    public List<ReceivedRequest> requestsTo(String to) {
        return requests.stream().filter(r -> to.equals(r.to())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ serving

    private void handle(HttpExchange exchange) throws IOException {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/_fake/requests".equals(path)) {
                answer(exchange, 200, JSON.writeValueAsString(requests));
                return;
            }
            String body = readBody(exchange.getRequestBody());
            Map<String, String> params = parseForm(body);
            String[] credentials = basicAuth(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher matcher = MESSAGES_PATH.matcher(path);
            boolean isMessage = "POST".equals(exchange.getRequestMethod()) && matcher.matches();
            String pathAccount = matcher.matches() ? matcher.group(1) : null;
            if ("GET".equals(exchange.getRequestMethod()) && matcher.matches()) {
                boolean authorised = credentials != null && accountSid.equals(credentials[0])
                        && authToken.equals(credentials[1]) && accountSid.equals(pathAccount);
                Answer list = authorised ? list(exchange.getRequestURI()) : error(401, 20003, "Authenticate");
                answer(exchange, list.status(), list.json());
                return;
            }

            pause(delay.get());
            Answer answer;
            if (!isMessage) {
                answer = error(404, 20404, "The requested resource " + path + " was not found");
            } else if (credentials == null || !accountSid.equals(credentials[0]) || !authToken.equals(credentials[1])
                    || !accountSid.equals(pathAccount)) {
                answer = error(401, 20003, "Authenticate");
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                int status = failureStatus.get();
                answer = status == 429 ? error(429, 20429, "Too Many Requests")
                        : error(status, 20500, "Internal Server Error");
            } else if (errorsByTo.containsKey(params.get("To"))) {
                TwilioError e = errorsByTo.get(params.get("To"));
                answer = error(e.httpStatus(), e.code(), describe(e.code()));
            } else {
                answer = created(params, receivedAt);
            }
            requests.add(new ReceivedRequest(receivedNanos, receivedAt, exchange.getRequestMethod(), path, pathAccount,
                    credentials == null ? null : credentials[0], credentials == null ? null : credentials[1],
                    Map.copyOf(params), answer.status(), answer.messageSid()));
            if (answer.messageSid() != null && answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return; // accepted and listed, but the caller never hears so: the exchange closes without an answer
            }
            if (answer.messageSid() != null) {
                pause(answerHold.get());
            }
            answer(exchange, answer.status(), answer.json());
            if (answer.messageSid() != null) {
                scheduleCallbacks(answer.messageSid(), params);
            }
        }
    }

    private Answer created(Map<String, String> params, Instant now) throws IOException {
        String sid = "SM" + randomHex();
        boolean viaService = params.get("MessagingServiceSid") != null;
        String body = params.getOrDefault("Body", "");
        ObjectNode json = JSON.createObjectNode();
        json.put("account_sid", accountSid);
        json.put("api_version", "2010-04-01");
        json.put("body", body);
        json.put("date_created", RFC_2822.format(now));
        json.putNull("date_sent");
        json.put("date_updated", RFC_2822.format(now));
        json.put("direction", "outbound-api");
        json.putNull("error_code");
        json.putNull("error_message");
        json.put("from", params.get("From"));
        json.put("messaging_service_sid", params.get("MessagingServiceSid"));
        json.put("num_media", "0");
        json.put("num_segments", String.valueOf(segments(body)));
        json.putNull("price");
        json.put("price_unit", "USD");
        json.put("sid", sid);
        json.put("status", viaService ? "accepted" : "queued");
        json.putObject("subresource_uris").put("media",
                "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media.json");
        json.put("to", params.get("To"));
        json.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        accepted.add(json);
        return new Answer(201, JSON.writeValueAsString(json), sid);
    }

    /** Twilio's message list: the accepted messages matching To and From, newest first, in one page. */
    private Answer list(URI uri) throws IOException {
        Map<String, String> query = parseForm(uri.getRawQuery());
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode message : accepted) {
            if ((query.get("To") == null || query.get("To").equals(message.path("to").asText()))
                    && (query.get("From") == null || query.get("From").equals(message.path("from").asText()))) {
                matching.add(0, message);
            }
        }
        ObjectNode page = JSON.createObjectNode();
        page.putArray("messages").addAll(matching);
        String self = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        page.put("uri", self);
        page.put("first_page_uri", self);
        page.putNull("next_page_uri");
        page.putNull("previous_page_uri");
        page.put("page", 0);
        page.put("page_size", Math.max(50, matching.size()));
        page.put("start", 0);
        page.put("end", Math.max(0, matching.size() - 1));
        return new Answer(200, JSON.writeValueAsString(page), null);
    }

    private static Answer error(int status, int code, String message) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("code", code);
        json.put("message", message);
        json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.put("status", status);
        return new Answer(status, JSON.writeValueAsString(json), null);
    }

    private static String describe(int code) {
        return switch (code) {
            case 21211 -> "Invalid 'To' Phone Number";
            case 21408 -> "Permission to send an SMS has not been enabled for the region indicated by the 'To' number";
            case 21610 -> "Attempt to send to unsubscribed recipient";
            case 21614 -> "'To' number is not a valid mobile number";
            case 30003 -> "Unreachable destination handset";
            case 30004 -> "Message blocked";
            case 30005 -> "Unknown destination handset";
            case 30006 -> "Landline or unreachable carrier";
            case 30007 -> "Message filtered";
            default -> "Twilio error " + code;
        };
    }

    private void scheduleCallbacks(String messageSid, Map<String, String> params) {
        CallbackPlan plan = callbacks.get();
        String statusCallback = params.get("StatusCallback");
        if (plan == null || statusCallback == null) {
            return;
        }
        executor.execute(() -> {
            URI publicUri = URI.create(statusCallback);
            String target = plan.reachableBaseUrl() + publicUri.getRawPath()
                    + (publicUri.getRawQuery() == null ? "" : "?" + publicUri.getRawQuery());
            for (String status : plan.statuses()) {
                TwilioWebhook hook = TwilioWebhook.statusCallback(accountSid, messageSid, params.get("From"),
                        params.get("To"), status);
                try {
                    callbackClient.send(HttpRequest.newBuilder(URI.create(target))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header(TwilioWebhook.SIGNATURE_HEADER, hook.signature(authToken, statusCallback))
                            .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    return; // the service is gone; Twilio would retry, a test can check what arrived
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** SMS segments as Twilio bills them (the platform's one counter). */
    public static int segments(String body) {
        return SmsSegments.count(body);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String[] basicAuth(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request as the fake received it.
     *
     * @param receivedNanos {@link System#nanoTime()} on arrival, for latency measurements in the same JVM
     * @param accountSid the account sid in the path
     * @param authUser / authPassword the basic-auth credentials sent
     * @param params the form parameters (To, From, MessagingServiceSid, Body, StatusCallback, ...)
     * @param answeredStatus the HTTP status the fake answered
     * @param messageSid the sid it created, when it accepted a message
     */
    public record ReceivedRequest(long receivedNanos, Instant receivedAt, String method, String path, String accountSid,
            String authUser, String authPassword, Map<String, String> params, int answeredStatus, String messageSid) {
        public String to() {
            return params.get("To");
        }

        public String from() {
            return params.get("From");
        }

        public String body() {
            return params.get("Body");
        }

        public String messagingServiceSid() {
            return params.get("MessagingServiceSid");
        }

        public String statusCallback() {
            return params.get("StatusCallback");
        }

        public boolean accepted() {
            return messageSid != null;
        }
    }

    private record TwilioError(int code, int httpStatus) {
    }

    private record Answer(int status, String json, String messageSid) {
    }

    private record CallbackPlan(String reachableBaseUrl, List<String> statuses) {
        CallbackPlan {
            statuses = new ArrayList<>(statuses);
        }
    }
}
