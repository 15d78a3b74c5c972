package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.taskledger.command.auth.TestTokens;
import dev.taskledger.events.Role;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime as an attacker on this machine or on a web page would meet it. */
class LocalHardeningIT {
    @TempDir
    Path dataDir;

    /** Sends {@code request} as written and returns what the server answered before it closed (or timed out). */
    static String raw(int port, String request, int readTimeoutMillis) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Nested
    class Host_header {
        @Test
        void only_a_loopback_host_is_served_so_a_rebinding_page_cannot_mint_tokens() throws Exception {
            try (LocalRuntime runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()))) {
                int port = runtime.port();
                String mint = "{\"tenant_id\":\"rebound\",\"user_id\":\"eve\",\"role\":\"ADMIN\"}";
                for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1:1", "localhost.evil")) {
                    String answer = raw(
                            port,
                            "POST /dev/tokens HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + mint.length() + "\r\nConnection: close\r\n\r\n" + mint,
                            10_000);
                    assertThat(answer).as(host).startsWith("HTTP/1.1 421");
                    assertThat(answer).contains("misdirected-request").doesNotContain("token\"");
                }
                for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port)) {
                    assertThat(raw(
                                    port,
                                    "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                                    10_000))
                            .as(host)
                            .startsWith("HTTP/1.1 200");
                }
            }
        }
    }

    @Nested
    class Data_files {
        @Test
        void the_data_directory_is_owner_only_and_so_is_every_file_in_it() throws Exception {
            Files.createDirectories(dataDir.resolve("keys"));
            Files.writeString(dataDir.resolve("keys/old-world-readable.txt"), "x");
            try (LocalRuntime runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()))) {
                Api api = new Api(runtime.port());
                String admin = api.token("files", "admin", null, Role.ADMIN);
                api.json("POST", "/tasks", admin, "{'title':'x'}");
                String location =
                        api.json("POST", "/audit/exports", admin, "{}").header("Location");
                for (int i = 0; i < 200; i++) {
                    if (!api.send("GET", location, admin, null, Map.of()).body().contains("PENDING")) {
                        break;
                    }
                    Thread.sleep(25);
                }
            }
            assertThat(Files.getPosixFilePermissions(dataDir))
                    .containsExactlyInAnyOrder(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);
            try (Stream<Path> all = Files.walk(dataDir)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    Set<PosixFilePermission> modes = Files.getPosixFilePermissions(path);
                    if (Files.isDirectory(path)) {
                        // directories created after the start inherit the umask, inside an owner-only parent
                        continue;
                    }
                    if (path.getFileName().toString().startsWith("taskledger.db-")) {
                        continue; // SQLite's WAL files take the database file's mode
                    }
                    assertThat(modes)
                            .as(path.toString())
                            .noneMatch(m ->
                                    m.name().startsWith("GROUP") || m.name().startsWith("OTHERS"));
                }
            }
        }
    }

    @Nested
    class External_issuer {
        @Test
        void dev_endpoints_are_off_and_loopback_webhooks_refused_unless_allowed() throws Exception {
            RSAKey key = TestTokens.rsaKey("k");
            HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwks.createContext("/jwks.json", exchange -> {
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            jwks.start();
            String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
            try {
                for (boolean allow : List.of(false, true)) {
                    Path dir = Files.createDirectories(dataDir.resolve("allow-" + allow));
                    LocalConfig config = new LocalConfig(
                            0, dir, Optional.of(new LocalConfig.ExternalIssuer("https://iss", url, "aud", allow)));
                    try (LocalRuntime runtime = LocalRuntime.start(config)) {
                        Api api = new Api(runtime.port());
                        String admin = TestTokens.rs256(
                                key,
                                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                                        .issuer("https://iss")
                                        .audience("aud")
                                        .subject("boss")
                                        .claim("custom:tenant_id", "ext-co")
                                        .claim("cognito:groups", List.of("ADMIN"))
                                        .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000))
                                        .build());
                        assertThat(api.json(
                                                "POST",
                                                "/dev/tokens",
                                                null,
                                                "{'tenant_id':'ext-co','user_id':'u','role':'ADMIN'}")
                                        .status())
                                .isEqualTo(404);
                        assertThat(api.send("GET", "/dev/outbox", admin, null, Map.of())
                                        .status())
                                .isEqualTo(404);
                        assertThat(api.send("GET", "/dev/metrics", null, null, Map.of())
                                        .status())
                                .isEqualTo(404);
                        int status = api.json(
                                        "POST",
                                        "/webhooks",
                                        admin,
                                        "{'url':'http://127.0.0.1:"
                                                + jwks.getAddress().getPort() + "/x','event_types':['*']}")
                                .status();
                        assertThat(status).as("allowLoopbackWebhooks=" + allow).isEqualTo(allow ? 201 : 400);
                    }
                }
            } finally {
                jwks.stop(0);
            }
        }
    }

    @Nested
    class Slow_senders {
        @Test
        void partial_headers_or_bodies_are_cut_off_while_whole_requests_are_served() throws Exception {
            int port = ChildRuntime.freePort();
            Process child = ChildRuntime.start(dataDir, port, 0, "-Dsun.net.httpserver.maxReqTime=2");
            try {
                long start = System.nanoTime();
                String headers = raw(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 20_000);
                assertThat(headers).isEmpty();
                String body = raw(
                        port,
                        "POST /dev/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 100\r\n\r\n{\"tenant_id\":",
                        20_000);
                assertThat(body).doesNotContain("\"token\"");
                assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(15);
                assertThat(raw(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 10_000))
                        .startsWith("HTTP/1.1 200");
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
    }
}
