package dev.taskledger.integration.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one signed delivery: bounded connect and response timeouts, redirects never followed (a redirect could
 * point inside the network), the response body discarded. Errors are described without secrets or payloads.
 */
public final class WebhookSender {
    public static final String USER_AGENT = "TaskLedger-Webhooks/1";
    private final HttpClient client;
    private final Duration responseTimeout;

    public WebhookSender(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.responseTimeout = responseTimeout;
    }

    public static WebhookSender defaults() {
        return new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public AttemptResult post(URI url, Map<String, String> signatureHeaders, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(responseTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signatureHeaders.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return AttemptResult.answered(response.statusCode());
        } catch (HttpConnectTimeoutException e) {
            return AttemptResult.failed("connect timeout");
        } catch (HttpTimeoutException e) {
            return AttemptResult.failed("timeout waiting for the response");
        } catch (ConnectException e) {
            return AttemptResult.failed("connection refused");
        } catch (IOException e) {
            return AttemptResult.failed("connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed("interrupted");
        }
    }
}
