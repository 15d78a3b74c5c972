package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.FunctionName;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FrontDoorTest {
    static FrontDoor serving(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> health) throws Exception {
        FrontDoor door = new FrontDoor(
                0,
                request -> {
                    throw new AssertionError("no authenticated route is called here");
                },
                Map.of(FunctionName.HEALTH, health),
                new TenantRateLimiter(100, 100, Clock.systemUTC()));
        door.start();
        return door;
    }

    @Test
    void an_error_in_a_function_is_a_503_without_internals_and_the_exchange_is_closed() throws Exception {
        FrontDoor door = serving(event -> {
            throw new OutOfMemoryError("Java heap space");
        });
        try {
            for (int i = 0; i < 3; i++) { // the same connection pool keeps working: every exchange was closed
                Api.Response response = new Api(door.port()).send("GET", "/health", null, null, Map.of());
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.header("content-type")).startsWith("application/problem+json");
                assertThat(response.body()).contains("/unavailable").doesNotContain("heap", "OutOfMemory");
                assertThat(response.header("retry-after")).isEqualTo("1");
            }
        } finally {
            door.stop(0);
        }
    }

    @Test
    void a_runtime_failure_in_a_function_is_a_500_without_internals() throws Exception {
        FrontDoor door = serving(event -> {
            throw new IllegalStateException("secret detail");
        });
        try {
            Api.Response response = new Api(door.port()).send("GET", "/health", null, null, Map.of());
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("/internal").doesNotContain("secret detail");
        } finally {
            door.stop(0);
        }
    }
}
