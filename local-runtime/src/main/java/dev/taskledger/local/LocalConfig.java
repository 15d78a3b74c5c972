package dev.taskledger.local;

import dev.taskledger.integration.webhook.RetrySchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from the environment: {@code TASKLEDGER_PORT} (8080), {@code TASKLEDGER_DATA_DIR} ({@code ./data}),
 * and, to trust an external issuer instead of the built-in dev issuer, {@code TASKLEDGER_JWT_ISSUER},
 * {@code TASKLEDGER_JWKS_URL}, {@code TASKLEDGER_JWT_AUDIENCE}; {@code TASKLEDGER_MIN_SEQUENCE_WAIT_MS} (5000) bounds how
 * long a query waits for {@code X-Ledger-Min-Sequence}; {@code TASKLEDGER_RATE_LIMIT_RPS} (200) and
 * {@code TASKLEDGER_RATE_LIMIT_BURST} (400) set each tenant's token bucket; {@link Integrations} for notifications.
 */
public record LocalConfig(
        int port,
        Path dataDir,
        Optional<ExternalIssuer> externalIssuer,
        Duration minSequenceWait,
        double rateLimitPerSecond,
        double rateLimitBurst,
        Integrations integrations) {
    public static final double DEFAULT_RATE = 200;
    public static final double DEFAULT_BURST = 400;

    public LocalConfig(int port, Path dataDir, Optional<ExternalIssuer> externalIssuer) {
        this(port, dataDir, externalIssuer, Duration.ofSeconds(5), DEFAULT_RATE, DEFAULT_BURST, Integrations.DEFAULT);
    }

    public LocalConfig(int port, Path dataDir, Optional<ExternalIssuer> externalIssuer, Duration minSequenceWait) {
        this(port, dataDir, externalIssuer, minSequenceWait, DEFAULT_RATE, DEFAULT_BURST, Integrations.DEFAULT);
    }

    public LocalConfig withRateLimit(double perSecond, double burst) {
        return new LocalConfig(port, dataDir, externalIssuer, minSequenceWait, perSecond, burst, integrations);
    }

    public LocalConfig withIntegrations(Integrations integrations) {
        return new LocalConfig(
                port, dataDir, externalIssuer, minSequenceWait, rateLimitPerSecond, rateLimitBurst, integrations);
    }

    /**
     * Webhooks and notifications: {@code TASKLEDGER_NOTIFY_CHANNEL} = {@code outbox} (default: JSON Lines in the
     * data directory, at {@code GET /dev/outbox}) or {@code email} (SES, with {@code TASKLEDGER_EMAIL_FROM} and the AWS
     * SDK's usual region and credentials) for the people notified; Slack is per tenant, in its notification settings.
     * Then the webhook retry schedule, how long an endpoint's circuit stays open, and how often due retries are swept.
     */
    public record Integrations(
            String channel,
            Optional<String> emailFrom,
            RetrySchedule webhookRetries,
            Duration circuitOpenFor,
            Duration sweepInterval) {
        public static final Integrations DEFAULT = new Integrations(
                "outbox", Optional.empty(), RetrySchedule.DEFAULT, Duration.ofSeconds(60), Duration.ofSeconds(1));

        public Integrations {
            if (!List.of("outbox", "email").contains(channel)) {
                throw new IllegalArgumentException(
                        "TASKLEDGER_NOTIFY_CHANNEL must be outbox or email (Slack is set per tenant), not " + channel);
            }
            if (channel.equals("email") && emailFrom.isEmpty()) {
                throw new IllegalArgumentException("TASKLEDGER_EMAIL_FROM must be set for the email channel");
            }
        }

        public Integrations withWebhookRetries(RetrySchedule retries, Duration circuitOpenFor, Duration sweepInterval) {
            return new Integrations(channel, emailFrom, retries, circuitOpenFor, sweepInterval);
        }

        static Integrations fromEnvironment(Map<String, String> env) {
            String channel =
                    env.getOrDefault("TASKLEDGER_NOTIFY_CHANNEL", "outbox").strip();
            Optional<String> from =
                    Optional.ofNullable(env.get("TASKLEDGER_EMAIL_FROM")).filter(v -> !v.isBlank());
            return new Integrations(
                    channel, from, RetrySchedule.DEFAULT, Duration.ofSeconds(60), Duration.ofSeconds(1));
        }
    }

    /**
     * An external issuer: the dev endpoints ({@code /dev/tokens}, {@code /dev/outbox}, {@code /dev/metrics}) are
     * off, and webhooks may target loopback addresses only when {@code allowLoopbackWebhooks}
     * ({@code TASKLEDGER_ALLOW_LOOPBACK_WEBHOOKS=true}) says so: otherwise the deliveries list of a tenant's webhooks
     * would let its users scan this machine's ports.
     */
    public record ExternalIssuer(String issuer, String jwksUrl, String audience, boolean allowLoopbackWebhooks) {
        public ExternalIssuer(String issuer, String jwksUrl, String audience) {
            this(issuer, jwksUrl, audience, false);
        }
    }

    public static LocalConfig fromEnvironment(Map<String, String> env) {
        int port = parsePort(env.getOrDefault("TASKLEDGER_PORT", "8080"));
        Path dataDir = Path.of(env.getOrDefault("TASKLEDGER_DATA_DIR", "data"));
        Optional<ExternalIssuer> external = Optional.ofNullable(env.get("TASKLEDGER_JWT_ISSUER"))
                .filter(s -> !s.isBlank())
                .map(issuer -> new ExternalIssuer(
                        issuer,
                        env.getOrDefault("TASKLEDGER_JWKS_URL", issuer.replaceAll("/$", "") + "/.well-known/jwks.json"),
                        required(env, "TASKLEDGER_JWT_AUDIENCE"),
                        parseBoolean(env.getOrDefault("TASKLEDGER_ALLOW_LOOPBACK_WEBHOOKS", "false"))));
        Duration wait = Duration.ofMillis(parseMillis(env.getOrDefault("TASKLEDGER_MIN_SEQUENCE_WAIT_MS", "5000")));
        double rate = parsePositive(env.getOrDefault("TASKLEDGER_RATE_LIMIT_RPS", "200"), "TASKLEDGER_RATE_LIMIT_RPS");
        double burst =
                parsePositive(env.getOrDefault("TASKLEDGER_RATE_LIMIT_BURST", "400"), "TASKLEDGER_RATE_LIMIT_BURST");
        return new LocalConfig(port, dataDir, external, wait, rate, burst, Integrations.fromEnvironment(env));
    }

    private static boolean parseBoolean(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException(
                        "TASKLEDGER_ALLOW_LOOPBACK_WEBHOOKS must be true or false, not " + text);
        };
    }

    private static double parsePositive(String text, String name) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 1 && value <= 1_000_000) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a number 1-1000000, not " + text);
    }

    private static long parseMillis(String text) {
        try {
            long millis = Long.parseLong(text.strip());
            if (millis >= 0 && millis <= 60_000) {
                return millis;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException("TASKLEDGER_MIN_SEQUENCE_WAIT_MS must be 0-60000, not " + text);
    }

    public LocalConfig withPort(int port) {
        return new LocalConfig(
                port, dataDir, externalIssuer, minSequenceWait, rateLimitPerSecond, rateLimitBurst, integrations);
    }

    public LocalConfig withDataDir(Path dataDir) {
        return new LocalConfig(
                port, dataDir, externalIssuer, minSequenceWait, rateLimitPerSecond, rateLimitBurst, integrations);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TASKLEDGER_PORT must be a port number 0-65535, not " + text);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set when TASKLEDGER_JWT_ISSUER is");
        }
        return value;
    }
}
