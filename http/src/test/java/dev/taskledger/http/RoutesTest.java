package dev.taskledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {
    @Test
    void a_path_template_captures_its_parameters() {
        assertThat(Routes.match("PATCH", "/tasks/abc-1")).isInstanceOfSatisfying(Routes.Match.Found.class, f -> {
            assertThat(f.route().operationId()).isEqualTo("updateTask");
            assertThat(f.pathParameters()).isEqualTo(Map.of("id", "abc-1"));
        });
    }

    @Test
    void a_known_path_with_another_method_is_405_listing_the_allowed_ones() {
        assertThat(Routes.match("GET", "/dev/tokens")).isEqualTo(new Routes.Match.MethodNotAllowed(Set.of("POST")));
        assertThat(Routes.match("POST", "/tasks/x"))
                .isEqualTo(new Routes.Match.MethodNotAllowed(Set.of("DELETE", "GET", "PATCH", "PUT")));
    }

    @Test
    void unknown_paths_empty_segments_and_trailing_slashes_are_not_found() {
        assertThat(Routes.match("GET", "/nope")).isInstanceOf(Routes.Match.NotFound.class);
        assertThat(Routes.match("PATCH", "/tasks/")).isInstanceOf(Routes.Match.NotFound.class);
        assertThat(Routes.match("POST", "/tasks/")).isInstanceOf(Routes.Match.NotFound.class);
        assertThat(Routes.match("PATCH", "/tasks/a/b")).isInstanceOf(Routes.Match.NotFound.class);
    }

    @Test
    void route_keys_are_unique() {
        assertThat(Routes.ALL.stream().map(Route::routeKey).distinct()).hasSameSizeAs(Routes.ALL);
        assertThat(Routes.ALL.stream().map(Route::operationId).distinct()).hasSameSizeAs(Routes.ALL);
    }
}
