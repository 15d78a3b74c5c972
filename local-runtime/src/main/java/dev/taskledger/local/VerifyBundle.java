package dev.taskledger.local;

import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.query.audit.BundleVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify-bundle <bundle.zip> --jwks <file|url>}: needs no server; exit 0 only when the bundle verifies. */
@Command(
        name = "verify-bundle",
        description = "Verify an export bundle offline: schemas, hash chain, manifest, digest signature.")
final class VerifyBundle implements Callable<Integer> {
    @Parameters(index = "0", description = "the bundle (.zip)")
    Path bundle;

    @Option(names = "--jwks", required = true, description = "the ledger's JWKS: a file, or an http(s) URL")
    String jwks;

    @Override
    public Integer call() throws Exception {
        JWKSet keys = loadJwks(jwks);
        BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, keys);
        if (verdict.verified()) {
            System.out.printf("VERIFIED: %d events, head hash %s%n", verdict.count(), verdict.headHash());
            return 0;
        }
        System.out.println("BROKEN:");
        verdict.problems().forEach(p -> System.out.println("  " + p));
        return 1;
    }

    /** A JWKS from a file, or from an http(s) URL. */
    static JWKSet loadJwks(String location) throws Exception {
        return location.startsWith("http://") || location.startsWith("https://")
                ? JWKSet.load(java.net.URI.create(location).toURL())
                : JWKSet.parse(Files.readString(Path.of(location)));
    }
}
