package dev.taskledger.table.dynamodb;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The local AWS API emulator (moto) for *IT tests: started once per test JVM on a free loopback port from the
 * virtual environment the build installed ({@code tools/moto/install.sh}), through {@code tools/moto/serve.py}
 * (which isolates concurrent requests as DynamoDB isolates transactions), and stopped when the JVM exits. If it cannot start, the tests fail with the reason: they never skip.
 */
public final class MotoServer {
    private static MotoServer instance;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClients.Settings settings() {
        return new DynamoDbClients.Settings(
                Region.US_EAST_1,
                endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                3,
                Duration.ofSeconds(10));
    }

    /** A fresh table with a stream, named uniquely, on the emulator. */
    public String createTable() {
        String name = "taskledger-" + UUID.randomUUID();
        try (var client = DynamoDbClients.dynamoDb(settings())) {
            DynamoDbSchema.createTable(client, name);
        }
        return name;
    }

    private static MotoServer start() {
        String venv = System.getProperty("moto.venv", "target/moto-venv");
        Path server = Path.of(venv, "bin", "python");
        Path launcher = Path.of(System.getProperty("moto.launcher", "../tools/moto/serve.py"));
        if (!Files.isExecutable(server) || !Files.isRegularFile(launcher)) {
            throw new IllegalStateException("The AWS API emulator is not installed at " + server
                    + ". Run the tests through Maven (./mvnw verify), which installs it with tools/moto/install.sh.");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(
                            server.toString(), launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            waitUntilUp(process, endpoint, log);
            return new MotoServer(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the AWS API emulator: " + e.getMessage(), e);
        }
    }

    private static void waitUntilUp(Process process, URI endpoint, Path log) throws IOException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the AWS API emulator exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection)
                        endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the emulator", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("the AWS API emulator did not answer within 60 s: " + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
