package dev.taskledger.local;

import dev.taskledger.command.auth.AuthSettings;
import dev.taskledger.command.auth.JwtAuthenticator;
import dev.taskledger.command.auth.JwtAuthorizerHandler;
import dev.taskledger.command.http.TaskCommandHandler;
import dev.taskledger.http.FunctionName;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Wires the local process: embedded table, ledger, the same functions as AWS, the front door. */
public final class LocalRuntime implements AutoCloseable {
    public static final String DATABASE_FILE = "taskledger.db";
    private final SqliteTable table;
    private final Ledger ledger;
    private final Optional<DevIssuer> devIssuer;
    private final FrontDoor frontDoor;

    private LocalRuntime(LocalConfig config, Clock clock) throws IOException {
        this.table = SqliteTable.open(config.dataDir().resolve(DATABASE_FILE));
        this.ledger = new Ledger(table, clock);
        this.devIssuer = config.externalIssuer().isEmpty()
                ? Optional.of(DevIssuer.loadOrCreate(config.dataDir(), clock))
                : Optional.empty();
        AuthSettings auth = config.externalIssuer()
                .map(e -> AuthSettings.remote(e.issuer(), e.audience(), e.jwksUrl()))
                .orElseGet(() -> new AuthSettings(
                        DevIssuer.ISSUER,
                        DevIssuer.AUDIENCE,
                        devIssuer.orElseThrow().keySource()));
        JwtAuthorizerHandler authorizer = new JwtAuthorizerHandler(new JwtAuthenticator(auth));
        TaskCommandHandler commands = new TaskCommandHandler(ledger, clock);
        SystemFunctions system = new SystemFunctions(ledger, devIssuer);
        DevTokensFunction devTokens = new DevTokensFunction(devIssuer);
        this.frontDoor = new FrontDoor(
                config.port(),
                request -> authorizer.handleRequest(request, null),
                Map.of(
                        FunctionName.TASK_COMMANDS, event -> commands.handleRequest(event, null),
                        FunctionName.HEALTH, system::health,
                        FunctionName.OPENAPI, system::openApi,
                        FunctionName.JWKS, system::jwks,
                        FunctionName.DEV_TOKENS, devTokens::handle));
    }

    public static LocalRuntime start(LocalConfig config) throws IOException {
        LocalRuntime runtime = new LocalRuntime(config, Clock.systemUTC());
        runtime.frontDoor.start();
        return runtime;
    }

    public int port() {
        return frontDoor.port();
    }

    public Ledger ledger() {
        return ledger;
    }

    public Optional<DevIssuer> devIssuer() {
        return devIssuer;
    }

    /** Graceful: stop accepting, finish requests in flight (up to 5 s), then close the store. */
    @Override
    public void close() {
        frontDoor.stop(5);
        table.close();
    }
}
