package dev.taskledger.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.events.EventCodec;
import dev.taskledger.query.audit.BundleVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify-digest <digest.json> --jwks <file|url>}: checks a kept digest's signature and contents offline. */
@Command(
        name = "verify-digest",
        description = "Verify a digest kept from GET /audit/digest: its signature, and that it signs what it says.")
final class VerifyDigest implements Callable<Integer> {
    @Parameters(index = "0", description = "the digest, as GET /audit/digest returned it")
    Path digest;

    @Option(names = "--jwks", required = true, description = "the ledger's JWKS: a file, or an http(s) URL")
    String jwks;

    @Override
    public Integer call() throws Exception {
        JWKSet keys = VerifyBundle.loadJwks(jwks);
        JsonNode json = EventCodec.MAPPER.readTree(Files.readString(digest));
        var problems = BundleVerifier.checkDigest(
                json,
                json.path("tenant_id").asText(),
                json.path("sequence").asLong(),
                json.path("hash").asText(),
                keys);
        if (problems.isEmpty()) {
            System.out.printf(
                    "VERIFIED: tenant %s, sequence %d, hash %s%n",
                    json.path("tenant_id").asText(),
                    json.path("sequence").asLong(),
                    json.path("hash").asText());
            return 0;
        }
        System.out.println("BROKEN:");
        problems.forEach(p -> System.out.println("  " + p));
        return 1;
    }
}
