package dev.taskledger.local;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The CLI of the local runtime. */
@Command(
        name = "taskledger",
        mixinStandardHelpOptions = true,
        version = "TaskLedger 0.1.0",
        description = "TaskLedger local runtime: the whole system as one process on an embedded store.",
        subcommands = {
            Main.Serve.class,
            Main.DemoCommand.class,
            VerifyBundle.class,
            VerifyDigest.class,
            OperatorCommands.Rebuild.class,
            OperatorCommands.Verify.class,
            OperatorCommands.DeadLetters.class,
            OperatorCommands.RotateLedgerKey.class
        })
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static class ServerOptions {
        @Option(names = "--port", description = "HTTP port on 127.0.0.1 (default: TASKLEDGER_PORT or 8080)")
        Integer port;

        @Option(names = "--data-dir", description = "data directory (default: TASKLEDGER_DATA_DIR or ./data)")
        Path dataDir;

        int serve(boolean demo) throws Exception {
            LocalConfig config = config();
            LocalRuntime runtime = LocalRuntime.start(config);
            System.out.printf(
                    "TaskLedger listening on http://127.0.0.1:%d (data: %s)%n",
                    runtime.port(), config.dataDir().toAbsolutePath());
            if (demo) {
                Demo.seedAndPrint(runtime, System.out);
            }
            return serveUntilStopped(runtime);
        }

        LocalConfig config() {
            LocalConfig config = LocalConfig.fromEnvironment(System.getenv());
            if (port != null) {
                config = config.withPort(port);
            }
            if (dataDir != null) {
                config = config.withDataDir(dataDir);
            }
            return config;
        }
    }

    static int serveUntilStopped(LocalRuntime runtime) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: finishing requests in flight");
            runtime.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    @Command(name = "serve", description = "Start the API on 127.0.0.1.")
    static class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options = new ServerOptions();

        @Override
        public Integer call() throws Exception {
            return options.serve(false);
        }
    }

    @Command(name = "demo", description = "Start the API, seed a demo tenant, print tokens and curl commands.")
    static class DemoCommand implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options = new ServerOptions();

        @Override
        public Integer call() throws Exception {
            return options.serve(true);
        }
    }
}
