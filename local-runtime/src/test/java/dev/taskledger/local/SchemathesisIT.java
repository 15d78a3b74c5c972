package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * schemathesis (installed by the build) against the running system from the project's OpenAPI document, with a
 * bounded budget: zero server errors, zero responses that violate the document.
 */
class SchemathesisIT {
    @TempDir
    Path dataDir;

    @Test
    void the_api_survives_schemathesis_and_every_response_conforms_to_the_document() throws Exception {
        Path root = Readme.root();
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            String token = new Api(runtime.port()).token("fuzz-co", "fuzzer", "fuzzer@fuzz.co", Role.ADMIN);
            Process schemathesis = new ProcessBuilder(
                            root.resolve("tools/schemathesis/run.sh").toString(),
                            System.getProperty(
                                    "schemathesis.venv",
                                    root.resolve("target/schemathesis-venv").toString()),
                            "http://127.0.0.1:" + runtime.port(),
                            token,
                            "15")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(schemathesis.getInputStream().readAllBytes());
            assertThat(schemathesis.waitFor()).as(output).isZero();
            // every operation of the document but the download route (excluded: its token is not generable) and
            // GET /openapi.json, the document itself, which schemathesis leaves out unless told to include it
            long operations = 0;
            var paths = dev.taskledger.events.EventCodec.MAPPER
                    .readTree(
                            root.resolve("http/src/main/resources/openapi.json").toFile())
                    .get("paths");
            for (var path : paths.properties()) {
                for (var method : java.util.List.of("get", "put", "post", "delete", "patch")) {
                    if (path.getValue().has(method)
                            && !path.getKey().equals("/exports/{token}")
                            && !path.getKey().equals("/openapi.json")) {
                        operations++;
                    }
                }
            }
            java.util.regex.Matcher tested =
                    java.util.regex.Pattern.compile("Tested: (\\d+)").matcher(output);
            assertThat(tested.find()).as(output).isTrue();
            assertThat(Long.parseLong(tested.group(1))).as("operations tested").isEqualTo(operations);
            assertThat(operations).isGreaterThanOrEqualTo(27);
            assertThat(output).doesNotContain("ST101");
        }
    }
}
