package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's auditor walkthrough, as written, against the runtime (from the repository root). */
class AuditorWalkthroughIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void the_auditor_walkthrough_works_as_written() throws Exception {
        String walkthrough = Readme.bashBlock("docs/auditing.md", "### Auditor's walkthrough");
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            Api api = new Api(runtime.port());
            String admin = api.token("karachi-tech", "admin", null, Role.ADMIN);
            for (int i = 0; i < 5; i++) {
                api.json("POST", "/tasks", admin, "{'title':'audited " + i + "'}");
            }
            String jar = Path.of(System.getProperty("runtime.jar", "target/taskledger-local.jar"))
                    .toAbsolutePath()
                    .toString();
            String script = "set -euo pipefail\ncd " + work + "\n"
                    + walkthrough
                            .replace("B=http://127.0.0.1:8080", "B=http://127.0.0.1:" + runtime.port())
                            .replace(
                                    "java -jar local-runtime/target/taskledger-local.jar",
                                    Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + jar);
            Process bash = new ProcessBuilder("bash", "-c", script)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(output).isZero();
            assertThat(output)
                    .contains("VERIFIED: tenant karachi-tech")
                    .contains("VERIFIED: 5 events")
                    .contains("history up to sequence 5 is unchanged");
        }
    }
}
