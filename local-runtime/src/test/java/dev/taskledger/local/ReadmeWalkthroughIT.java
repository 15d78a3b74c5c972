package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's curl walkthrough, exactly as written, against the runtime: the README stays true. */
class ReadmeWalkthroughIT {
    @TempDir
    Path dataDir;

    @Test
    void the_readme_walkthrough_works_as_written() throws Exception {
        String walkthrough = Readme.bashBlock("## Walkthrough");
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            String script = "set -euo pipefail\n"
                    + walkthrough.replace("B=http://127.0.0.1:8080", "B=http://127.0.0.1:" + runtime.port());
            Process bash = new ProcessBuilder("bash", "-c", script)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(output).isZero();

            List<String> statuses = Pattern.compile("HTTP/1.1 (\\d{3})")
                    .matcher(output)
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            assertThat(statuses).as(output).containsExactly("201", "201", "200", "412", "200", "403", "204", "404");
            assertThat(output)
                    .contains("Idempotent-replayed: true")
                    .contains("{\"status\":\"UP\"}")
                    .contains("\"priority\":\"HIGH\"")
                    .contains("\"event_type\":\"TaskCreated\"")
                    .contains("\"by_status\"")
                    .contains("\"status\":\"VERIFIED\"")
                    .contains("\"signature\":\"ey");
        }
    }
}
