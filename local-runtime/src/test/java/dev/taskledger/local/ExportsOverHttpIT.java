package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exports end to end: request, job through the bus, pre-signed download, offline verification (and tampering). */
class ExportsOverHttpIT {
    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    static LocalRuntime runtime;
    static Api api;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        String admin = api.token("exported", "admin-1", null, Role.ADMIN);
        auditor = api.token("exported", "auditor-1", null, Role.AUDITOR);
        for (int i = 0; i < 12; i++) {
            api.json("POST", "/tasks", admin, "{'title':'e" + i + "','labels':['export']}");
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static JsonNode awaitDone(String location) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode status = api.send("GET", location, auditor, null, Map.of()).json();
            if (!status.get("status").asText().equals("PENDING")) {
                return status;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the export did not finish");
    }

    static Path download(String url) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile(work, "bundle-", ".zip");
        Files.write(file, r.body());
        return file;
    }

    static int verifyBundle(Path bundle) {
        String jwks = "http://127.0.0.1:" + runtime.port() + "/.well-known/jwks.json";
        return new CommandLine(new Main()).execute("verify-bundle", bundle.toString(), "--jwks", jwks);
    }

    @Test
    void an_export_is_a_verifiable_bundle_downloaded_through_a_presigned_url() throws Exception {
        Api.Response accepted = api.json("POST", "/audit/exports", auditor, "{'from_sequence':1,'to_sequence':999}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("status").asText()).isEqualTo("PENDING");
        JsonNode done = awaitDone(accepted.header("Location"));
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        JsonNode manifest = done.get("manifest");
        assertThat(manifest.get("format").asText()).isEqualTo("taskledger-export/1");
        assertThat(manifest.get("to_sequence").asLong()).isEqualTo(12); // clamped to the head
        assertThat(manifest.get("count").asLong()).isEqualTo(12);
        assertThat(manifest.get("head_hash").asText())
                .isEqualTo(runtime.ledger().head("exported").hash());

        Path bundle = download(done.get("download_url").asText());
        assertThat(verifyBundle(bundle)).isZero();

        // the URL needs no token, but a forged one is refused
        String url = done.get("download_url").asText();
        String mac = url.substring(url.lastIndexOf('.') + 1);
        byte[] macBytes = java.util.Base64.getUrlDecoder().decode(mac);
        macBytes[0] ^= 1; // a different signature, whatever the characters were
        String forged = url.substring(0, url.lastIndexOf('.') + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(macBytes);
        // and the same signature written with different unused bits in its last character
        String lastChar = mac.substring(mac.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(lastChar);
        String twin = url.substring(0, url.length() - 1) + alphabet.charAt(index ^ 1);
        assertThat(HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(twin)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(forged)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_partial_range_verifies_and_a_tampered_bundle_does_not() throws Exception {
        JsonNode done = awaitDone(api.json("POST", "/audit/exports", auditor, "{'from_sequence':4,'to_sequence':9}")
                .header("Location"));
        Path bundle = download(done.get("download_url").asText());
        assertThat(verifyBundle(bundle)).isZero();

        Path tampered = work.resolve("tampered.zip");
        rewrite(bundle, tampered, "events.jsonl", text -> text.replaceFirst("\"title\":\"e5\"", "\"title\":\"e5!\""));
        assertThat(verifyBundle(tampered)).isEqualTo(1);

        Path dropped = work.resolve("dropped.zip");
        rewrite(bundle, dropped, "events.jsonl", text -> text.substring(text.indexOf('\n') + 1));
        assertThat(verifyBundle(dropped)).isEqualTo(1);
    }

    @Test
    void every_kind_of_tampered_bundle_is_rejected() throws Exception {
        JsonNode whole =
                awaitDone(api.json("POST", "/audit/exports", auditor, "{}").header("Location"));
        Path bundle = download(whole.get("download_url").asText());
        JsonNode part = awaitDone(
                api.json("POST", "/audit/exports", auditor, "{'to_sequence':5}").header("Location"));
        Path other = download(part.get("download_url").asText());

        Map<String, java.util.function.UnaryOperator<String>> eventEdits = Map.of(
                "reorder",
                        text -> {
                            String[] lines = text.split("\n");
                            String t = lines[2];
                            lines[2] = lines[3];
                            lines[3] = t;
                            return String.join("\n", lines) + "\n";
                        },
                "insert",
                        text -> {
                            String[] lines = text.split("\n");
                            return lines[0] + "\n" + text;
                        },
                "truncate", text -> text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));
        for (var edit : eventEdits.entrySet()) {
            Path tampered = work.resolve(edit.getKey() + ".zip");
            rewrite(bundle, tampered, "events.jsonl", edit.getValue());
            assertThat(verifyBundle(tampered)).as(edit.getKey()).isEqualTo(1);
        }

        String otherDigest = part.get("manifest").get("digest").toString();
        Path swapped = work.resolve("swapped-digest.zip");
        rewrite(bundle, swapped, "manifest.json", text -> {
            try {
                var manifest = (com.fasterxml.jackson.databind.node.ObjectNode)
                        dev.taskledger.events.EventCodec.MAPPER.readTree(text);
                manifest.set("digest", dev.taskledger.events.EventCodec.MAPPER.readTree(otherDigest));
                return manifest.toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(verifyBundle(swapped)).isEqualTo(1);

        Path wrongKeys = work.resolve("other-jwks.json");
        Files.writeString(
                wrongKeys,
                new com.nimbusds.jose.jwk.JWKSet(
                                new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                                        .keyID(com.nimbusds.jose.JWSObject.parse(whole.get("manifest")
                                                        .get("digest")
                                                        .get("signature")
                                                        .asText())
                                                .getHeader()
                                                .getKeyID())
                                        .generate()
                                        .toPublicJWK())
                        .toString());
        assertThat(new CommandLine(new Main())
                        .execute("verify-bundle", bundle.toString(), "--jwks", wrongKeys.toString()))
                .isEqualTo(1);
        assertThat(verifyBundle(other)).isZero();
    }

    @Test
    void bad_requests_are_400_and_members_cannot_export() {
        assertThat(api.json("POST", "/audit/exports", auditor, "{'from_sequence':0}")
                        .status())
                .isEqualTo(400);
        assertThat(api.json("POST", "/audit/exports", auditor, "{'from_sequence':5,'to_sequence':2}")
                        .status())
                .isEqualTo(400);
        assertThat(api.json("POST", "/audit/exports", auditor, "{'format':'csv'}")
                        .status())
                .isEqualTo(400);
        String member = api.token("exported", "member-1", null, Role.MEMBER);
        assertThat(api.json("POST", "/audit/exports", member, "{}").status()).isEqualTo(403);
        assertThat(api.send("GET", "/audit/exports/unknown-id", auditor, null, Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void an_export_starting_beyond_the_head_is_refused_and_signs_nothing() throws Exception {
        long digestsBefore = api.send("GET", "/audit/digests", auditor, null, Map.of())
                .json()
                .get("items")
                .size();
        Api.Response beyond = api.json("POST", "/audit/exports", auditor, "{'from_sequence':1000}");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().get("type").asText()).endsWith("/validation");
        assertThat(beyond.json().get("errors").get(0).get("field").asText()).isEqualTo("from_sequence");
        assertThat(api.json("POST", "/audit/exports", auditor, "{'from_sequence':13,'to_sequence':20}")
                        .status())
                .isEqualTo(400);
        String empty = api.token("never-wrote", "auditor-2", null, Role.AUDITOR);
        assertThat(api.json("POST", "/audit/exports", empty, "{}").status()).isEqualTo(400);
        assertThat(api.send("GET", "/audit/digests", auditor, null, Map.of())
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(digestsBefore);
    }

    @Test
    void the_offline_verifiers_refuse_a_signed_statement_that_cannot_describe_the_ledger() throws Exception {
        // what an earlier version signed for {"from_sequence": 1000} on a 2-event ledger: an empty bundle whose
        // digest claims the genesis hash at sequence 2; the signature is genuine (made with the ledger key here)
        String payload = "{\"tenant_id\":\"exported\",\"sequence\":2,\"hash\":\"" + "0".repeat(64)
                + "\",\"issued_at\":\"2026-01-01T00:00:00.000Z\",\"previous_digest_hash\":\"" + "0".repeat(64)
                + "\"}";
        String jws = LedgerKeys.loadOrCreate(dataDir).sign(payload);
        String digest = "{\"tenant_id\":\"exported\",\"sequence\":2,\"hash\":\"" + "0".repeat(64)
                + "\",\"issued_at\":\"2026-01-01T00:00:00.000Z\",\"signature\":\"" + jws + "\"}";
        Path bundle = work.resolve("false-statement.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bundle))) {
            out.putNextEntry(new ZipEntry("events.jsonl"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("manifest.json"));
            out.write(("{\"format\":\"taskledger-export/1\",\"tenant_id\":\"exported\",\"from_sequence\":1000,"
                            + "\"to_sequence\":2,\"count\":0,\"head_hash\":\"" + "0".repeat(64) + "\",\"digest\":"
                            + digest + ",\"created_at\":\"2026-01-01T00:00:00.000Z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(verifyBundle(bundle)).isEqualTo(1);
        Path digestFile = work.resolve("false-digest.json");
        Files.writeString(digestFile, digest);
        String jwks = "http://127.0.0.1:" + runtime.port() + "/.well-known/jwks.json";
        assertThat(new CommandLine(new Main()).execute("verify-digest", digestFile.toString(), "--jwks", jwks))
                .isEqualTo(1);
    }

    static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
