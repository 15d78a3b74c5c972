package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/smoke-aws} — the README walkthrough against a deployed URL with tokens from elsewhere — run against
 * the local runtime with dev tokens standing in for Cognito's: the script's rewriting of the walkthrough works.
 */
class SmokeScriptIT {
    @TempDir
    Path dataDir;

    @Test
    void the_smoke_script_runs_the_walkthrough_against_a_given_url_with_given_tokens() throws Exception {
        Path root = Readme.root();
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            Api api = new Api(runtime.port());
            ProcessBuilder smoke =
                    new ProcessBuilder("bin/smoke-aws").directory(root.toFile()).redirectErrorStream(true);
            smoke.environment().put("TASKLEDGER_API_URL", "http://127.0.0.1:" + runtime.port() + "/");
            smoke.environment()
                    .put("TOKEN", api.token("karachi-tech", "hassan", "hassan.malik@company.pk", Role.MEMBER));
            smoke.environment().put("ADMIN", api.token("karachi-tech", "boss", null, Role.ADMIN));
            Process process = smoke.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
            List<String> statuses = Pattern.compile("HTTP/1.1 (\\d{3})")
                    .matcher(output)
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            assertThat(statuses).as(output).containsExactly("201", "201", "200", "412", "200", "403", "204", "404");
            assertThat(output).contains("smoke test passed against http://127.0.0.1:" + runtime.port());
        }
    }
}
