package dev.taskledger.integration.notify;

import dev.taskledger.events.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Slack incoming webhook: one message per notification, {@code {"text": "..."}} with the recipient named. Any
 * answer but 2xx, or no answer within the timeouts, is a failure (the consumer's delivery is retried).
 */
public final class SlackChannel implements NotificationChannel {
    public static final String NAME = "slack";
    private final URI webhookUrl;
    private final HttpClient client;

    public SlackChannel(URI webhookUrl) {
        this.webhookUrl = webhookUrl;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(Notification notification) {
        String text = "*" + escape(notification.subject()) + "*\nfor " + escape(notification.recipient()) + ": "
                + escape(notification.text());
        String body = EventCodec.MAPPER.createObjectNode().put("text", text).toString();
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        int status;
        try {
            status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new ChannelException("Slack did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while posting to Slack");
        }
        if (status < 200 || status >= 300) {
            throw new ChannelException("Slack answered HTTP " + status);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Slack's escaping of message text: {@code &}, {@code <} and {@code >} become entities, so a title cannot
     * mention {@code <!channel>}, a user or a group, nor smuggle a link {@code <url|text>}.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
