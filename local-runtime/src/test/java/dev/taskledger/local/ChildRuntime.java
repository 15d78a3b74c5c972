package dev.taskledger.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The runtime's jar as a child process on a data directory, for tests that kill it or starve it. */
final class ChildRuntime {
    private ChildRuntime() {}

    /**
     * Starts {@code serve} on {@code port} and waits until {@code /health} answers. {@code fileLimitKib} > 0 caps
     * the size any file it writes may reach ({@code ulimit -f}: writes past it fail as on a full disk). No per-tenant
     * rate limit gets in the way of the tests' checks.
     */
    static Process start(Path dataDir, int port, int fileLimitKib) throws IOException, InterruptedException {
        return start(dataDir, port, fileLimitKib, "");
    }

    /** With {@code jvmOptions} (e.g. {@code -Dname=value}) before {@code -jar}. */
    static Process start(Path dataDir, int port, int fileLimitKib, String jvmOptions)
            throws IOException, InterruptedException {
        String jar = Path.of(System.getProperty("runtime.jar", "target/taskledger-local.jar"))
                .toAbsolutePath()
                .toString();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = (fileLimitKib > 0 ? "ulimit -f " + fileLimitKib + "; " : "") + "exec '" + javaBin
                + "' --enable-native-access=ALL-UNNAMED " + jvmOptions + " -jar '" + jar + "' serve --port " + port
                + " --data-dir '"
                + dataDir + "'";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolve("runtime-" + System.nanoTime() + ".log").toFile());
        builder.environment().put("TASKLEDGER_RATE_LIMIT_RPS", "100000");
        builder.environment().put("TASKLEDGER_RATE_LIMIT_BURST", "100000");
        Process process = builder.start();
        Api api = new Api(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (api.send("GET", "/health", null, null, Map.of()).status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the runtime did not start");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
