package dev.taskledger.http;

import dev.taskledger.http.observe.Telemetry;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: a function registers, once per execution environment, work to run before Lambda takes its
 * snapshot (a CRaC {@code beforeCheckpoint} hook) — requests that touch no data but load and JIT the classes of its
 * hot path and open its SDK client's connection — so a restored function answers its first request warm. On a JVM
 * without CRaC (locally, in tests) nothing runs. A failing primer is logged and never blocks the snapshot.
 */
public final class Priming implements Resource {
    /** CRaC keeps only weak references to resources: hold them here. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final String function;
    private final Runnable primer;

    private Priming(String function, Runnable primer) {
        this.function = function;
        this.primer = primer;
    }

    public static synchronized void register(String function, Runnable primer) {
        Priming priming = new Priming(function, primer);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** Runs the primer now (what the checkpoint hook does); for tests and the cold-start benchmark. */
    public static synchronized void primeAll() {
        REGISTERED.forEach(Priming::prime);
    }

    /** The tenant priming requests act as; it never has data. */
    public static final String TENANT = "snapstart-priming";

    /** An API Gateway request as an ADMIN of the priming tenant would send it through the authorizer. */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent apiEvent(
            String routeKey, String path, java.util.Map<String, String> pathParameters, String body) {
        var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setPathParameters(pathParameters);
        event.setHeaders(body == null ? java.util.Map.of() : java.util.Map.of("content-type", "application/json"));
        event.setBody(body);
        var context = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("snapstart-priming");
        context.setAuthorizer(
                com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(new java.util.HashMap<>(
                                new Principal(TENANT, "priming", null, dev.taskledger.events.Role.ADMIN).toContext()))
                        .build());
        event.setRequestContext(context);
        return event;
    }

    private void prime() {
        try {
            primer.run();
        } catch (RuntimeException e) {
            Telemetry.failure(
                    "WARN", "priming " + function + " failed; the snapshot is taken unprimed", java.util.Map.of(), e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing: SDK clients re-establish connections and credentials on their own after a restore
    }
}
