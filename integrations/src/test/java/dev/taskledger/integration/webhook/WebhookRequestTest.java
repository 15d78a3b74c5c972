package dev.taskledger.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Problem;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
    final UrlGuard guard = new UrlGuard(UrlGuard.Mode.LOCAL, UrlGuardTest.RESOLVER);

    static JsonNode json(String text) throws Exception {
        return EventCodec.MAPPER.readTree(text);
    }

    @Test
    void a_valid_request_is_read_with_defaults() throws Exception {
        WebhookRequest request = WebhookRequest.parse(
                        json("{\"url\":\"http://127.0.0.1:9/h\",\"event_types\":[\"TaskCreated\"]}"), guard)
                .get();
        assertThat(request.eventTypes()).containsExactly("TaskCreated");
        assertThat(request.description()).isEmpty();
        assertThat(WebhookRequest.parse(
                                json("{\"url\":\"http://127.0.0.1:9/h\",\"event_types\":[\"*\"],"
                                        + "\"description\":\"  all of it  \"}"),
                                guard)
                        .get()
                        .description())
                .isEqualTo("all of it");
    }

    @Test
    void every_bad_member_gets_one_error() throws Exception {
        Problem problem = WebhookRequest.parse(
                        json("{\"url\":\"http://10.0.0.1/h\",\"event_types\":[],\"description\":7,\"secret\":\"x\"}"),
                        guard)
                .getLeft();
        assertThat(problem.errors())
                .extracting(Problem.FieldProblem::field)
                .containsExactlyInAnyOrder("secret", "url", "event_types", "description");
    }

    @Test
    void event_types_must_be_known_distinct_and_star_stands_alone() throws Exception {
        for (String types : new String[] {
            "[\"TaskMoved\"]",
            "[\"TaskCreated\",\"TaskCreated\"]",
            "[\"*\",\"TaskCreated\"]",
            "[1]",
            "\"TaskCreated\"",
            "null"
        }) {
            assertThat(WebhookRequest.parse(
                                    json("{\"url\":\"http://127.0.0.1:9/h\",\"event_types\":" + types + "}"), guard)
                            .isLeft())
                    .as(types)
                    .isTrue();
        }
    }

    @Test
    void a_missing_url_or_a_control_character_in_the_description_is_refused() throws Exception {
        assertThat(WebhookRequest.parse(json("{\"event_types\":[\"*\"]}"), guard)
                        .isLeft())
                .isTrue();
        assertThat(WebhookRequest.parse(
                                json(
                                        "{\"url\":\"http://127.0.0.1:9/h\",\"event_types\":[\"*\"],\"description\":\"a\\u0007b\"}"),
                                guard)
                        .isLeft())
                .isTrue();
    }
}
