package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's webhook walkthrough as written (receiver script included) against the runtime. */
class WebhookWalkthroughIT {
    @TempDir
    Path dataDir;

    @Test
    void the_webhook_walkthrough_works_as_written() throws Exception {
        Path root = Readme.root();
        String walkthrough = Readme.bashBlock("docs/integrations.md", "### Webhook walkthrough");
        int receiverPort;
        try (ServerSocket free = new ServerSocket(0)) {
            receiverPort = free.getLocalPort();
        }
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            String script = "set -euo pipefail\n"
                    + walkthrough
                            .replace("B=http://127.0.0.1:8080", "B=http://127.0.0.1:" + runtime.port())
                            .replace("R=9911", "R=" + receiverPort);
            Process bash = new ProcessBuilder("bash", "-c", script)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(output).isZero();
            assertThat(output)
                    .contains("\"secret\":\"whsec_")
                    .containsPattern("verified \\{\"webhook-id\": \"msg_[0-9a-f-]+\", \"event_type\": \"TaskCreated\"")
                    .contains("\"status\":\"SUCCEEDED\"")
                    .contains("\"last_status_code\":204")
                    .contains("Task assigned to you: Review the webhook docs");
        }
    }
}
