package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Principal;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.RequestBodies;
import dev.taskledger.http.Responses;
import dev.taskledger.http.Routes;
import dev.taskledger.http.observe.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The local API Gateway: turns each HTTP request into the v2 event API Gateway would send (raw path, lower-cased
 * headers, query string, base64 body when not text, request context), runs the Lambda authorizer for
 * authenticated routes, calls the routed function, and writes its v2 response back. Bound to 127.0.0.1 only.
 */
public final class FrontDoor {

    /** Seconds a request's line, headers and body may take to arrive (slow or stalled senders are cut off). */
    static final String REQUEST_READ_TIMEOUT_SECONDS = "30";

    static {
        // Without TCP_NODELAY, a response written in several segments waits on the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The JDK server closes a connection whose request (line, headers and body) has not fully arrived within
        // maxReqTime, and a newly accepted connection that sends nothing within the same time. Read once, when the
        // server's configuration class loads: a -D on the command line wins (tests use a shorter one).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", REQUEST_READ_TIMEOUT_SECONDS);
        }
    }

    private static final DateTimeFormatter GATEWAY_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Function<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> authorizer;
    private final Map<FunctionName, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions;
    private final TenantRateLimiter rateLimiter;
    /** API Gateway's authorizer cache, mirrored: verdicts that authenticated, per Authorization header. */
    private final VerdictCache verdicts = new VerdictCache(Routes.AUTHORIZER_CACHE_TTL, 10_000);

    public FrontDoor(
            int port,
            Function<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> authorizer,
            Map<FunctionName, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
            TenantRateLimiter rateLimiter)
            throws IOException {
        this.rateLimiter = rateLimiter;
        this.authorizer = authorizer;
        this.functions = Map.copyOf(functions);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets requests in flight finish for up to {@code seconds}. */
    public void stop(int seconds) {
        server.stop(seconds);
        executor.shutdown();
    }

    /**
     * Every request gets an answer and every exchange is closed: whatever a function throws, an {@link Error} such as
     * {@link OutOfMemoryError} included, becomes a problem document without internals ({@code 503} for an Error, as
     * the process may recover once the request's memory is gone; {@code 500} otherwise).
     */
    private void serve(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try {
            APIGatewayV2HTTPResponse response;
            try {
                response = dispatch(exchange, requestId);
            } catch (RuntimeException | IOException e) {
                Telemetry.failure("ERROR", "request " + requestId + " failed in the front door", java.util.Map.of(), e);
                response = Responses.problem(Problem.of(ProblemType.INTERNAL, "an internal error occurred"), requestId);
            } catch (Error e) {
                Telemetry.failure(
                        "ERROR",
                        "request " + requestId + " failed with an error in the front door",
                        java.util.Map.of(),
                        e);
                response = Responses.problem(
                        Problem.of(ProblemType.UNAVAILABLE, "the service is overloaded; retry later")
                                .withHeader("Retry-After", "1"),
                        requestId);
            }
            write(exchange, response);
        } catch (Throwable e) {
            Telemetry.failure(
                    "WARN", "request " + requestId + ": the answer could not be written", java.util.Map.of(), e);
        } finally {
            exchange.close();
        }
    }

    /** Whether {@code host} (the Host header) names this server: a loopback name, with this port if any. */
    static boolean servesHost(String host, int port) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            if (!name.substring(colon + 1).equals(Integer.toString(port))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }

    private APIGatewayV2HTTPResponse dispatch(HttpExchange exchange, String gatewayRequestId) throws IOException {
        if (!servesHost(exchange.getRequestHeaders().getFirst("Host"), port())) {
            // a page on another origin that rebinds its name to 127.0.0.1 still sends its own name: refused
            exchange.getRequestBody().close();
            return Responses.problem(
                    Problem.of(ProblemType.MISDIRECTED_REQUEST, "this server answers only to 127.0.0.1 or localhost"),
                    gatewayRequestId);
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        APIGatewayV2HTTPEvent event = event(exchange, method, rawPath, gatewayRequestId);
        String requestId = Headers.requestId(event);
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        return switch (Routes.match(method, path)) {
            case Routes.Match.NotFound nf ->
                Responses.problem(Problem.of(ProblemType.NOT_FOUND, "no such route"), requestId);
            case Routes.Match.MethodNotAllowed na ->
                Responses.problem(
                        Problem.of(ProblemType.METHOD_NOT_ALLOWED, "allowed: " + String.join(", ", na.allowed()))
                                .withHeader("Allow", String.join(", ", na.allowed())),
                        requestId);
            case Routes.Match.Found found -> {
                event.setRouteKey(found.route().routeKey());
                event.getRequestContext().setRouteKey(found.route().routeKey());
                event.setPathParameters(found.pathParameters().isEmpty() ? null : found.pathParameters());
                var function = functions.get(found.route().function());
                if (function == null) {
                    yield Responses.problem(Problem.of(ProblemType.NOT_FOUND, "no such route"), requestId);
                }
                if (!found.route().authenticated()) {
                    yield function.apply(event);
                }
                authorize(event);
                Object tenant =
                        event.getRequestContext().getAuthorizer().getLambda().get("tenant_id");
                if (tenant == null) {
                    yield function.apply(event); // refused by the function with the authorizer's verdict
                }
                TenantRateLimiter.Decision decision = rateLimiter.take(tenant.toString());
                APIGatewayV2HTTPResponse response = decision.allowed()
                        ? function.apply(event)
                        : Responses.problem(
                                Problem.of(
                                                ProblemType.RATE_LIMITED,
                                                "this tenant is over its request rate; retry later")
                                        .withHeader("Retry-After", Long.toString(decision.retryAfterSeconds())),
                                requestId);
                yield withRateLimitHeaders(response, decision);
            }
        };
    }

    /** {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} on every authenticated response. */
    private static APIGatewayV2HTTPResponse withRateLimitHeaders(
            APIGatewayV2HTTPResponse response, TenantRateLimiter.Decision decision) {
        Map<String, String> headers =
                new LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.put("RateLimit-Limit", Long.toString(decision.limit()));
        headers.put("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.put("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        response.setHeaders(headers);
        return response;
    }

    private void authorize(APIGatewayV2HTTPEvent event) {
        APIGatewayV2CustomAuthorizerEvent request = new APIGatewayV2CustomAuthorizerEvent();
        request.setVersion("2.0");
        request.setType("REQUEST");
        request.setRouteKey(event.getRouteKey());
        request.setRawPath(event.getRawPath());
        request.setRawQueryString(event.getRawQueryString());
        request.setHeaders(event.getHeaders());
        request.setQueryStringParameters(event.getQueryStringParameters());
        request.setPathParameters(event.getPathParameters());
        String authorization = event.getHeaders().get("authorization");
        request.setIdentitySource(authorization == null ? List.of() : List.of(authorization));
        Map<String, Object> context = authorization == null ? null : verdicts.get(authorization);
        if (context == null) {
            SimpleIAMPolicyResponse verdict = authorizer.apply(request);
            if (!verdict.getIsAuthorized()) {
                throw new IllegalStateException(
                        "the authorizer denied; TaskLedger's authorizer always answers with a context");
            }
            context = new HashMap<>(verdict.getContext() == null ? Map.of() : verdict.getContext());
            if (authorization != null && !context.containsKey(Principal.AUTH_ERROR)) {
                verdicts.put(authorization, context);
            }
        }
        context = new HashMap<>(context);
        event.getRequestContext()
                .setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(context)
                        .build());
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String rawPath, String requestId)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        byte[] body = readAtMost(exchange.getRequestBody(), RequestBodies.MAX_BODY_BYTES + 1);
        String text = body.length == 0 ? null : utf8(body);

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setQueryStringParameters(query(rawQuery));
        if (body.length > 0) {
            boolean asText = text != null && isTextual(headers.get("content-type"));
            event.setBody(asText ? text : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!asText);
        }
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("local");
        context.setApiId("local");
        context.setStage("$default");
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1"));
        context.setRequestId(requestId);
        context.setTime(GATEWAY_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.get("user-agent"));
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            params.merge(name, value, (a, b) -> a + "," + b); // API Gateway joins repeated parameters with commas
        }
        return params;
    }

    private static boolean isTextual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit);
        in.transferTo(OutputStream.nullOutputStream()); // drain the rest so the connection can be reused
        return bytes;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        byte[] body = response.getBody() == null
                ? new byte[0]
                : response.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        int status = response.getStatusCode();
        boolean noBody =
                status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
