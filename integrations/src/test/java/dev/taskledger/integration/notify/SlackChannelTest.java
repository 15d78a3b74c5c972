package dev.taskledger.integration.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskledger.events.EventCodec;
import dev.taskledger.integration.Receiver;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Slack channel against a real local HTTP receiver standing in for an incoming webhook. */
class SlackChannelTest {
    @Test
    void a_notification_is_posted_as_a_slack_message_and_a_non_2xx_answer_is_a_failure() throws Exception {
        try (Receiver slack = new Receiver()) {
            slack.answer(200);
            SlackChannel channel = new SlackChannel(URI.create(slack.url()));
            channel.send(SesEmailChannelIT.notification("hassan@company.pk"));
            Receiver.Received got = slack.received.getFirst();
            assertThat(got.header("content-type")).isEqualTo("application/json");
            assertThat(EventCodec.MAPPER.readTree(got.body()).get("text").asText())
                    .startsWith("*Task assigned to you: ")
                    .contains("for hassan@company.pk: boss@company.pk assigned \"Ship it\" to you.");

            slack.answer(500);
            assertThatThrownBy(() -> channel.send(SesEmailChannelIT.notification("x@company.pk")))
                    .isInstanceOf(ChannelException.class)
                    .hasMessage("Slack answered HTTP 500");
        }
    }
}
