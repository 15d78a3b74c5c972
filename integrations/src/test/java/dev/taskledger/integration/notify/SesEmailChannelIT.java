package dev.taskledger.integration.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The e-mail channel against SES v2 as emulated by moto: the message it records is the one we sent. */
class SesEmailChannelIT {
    static Notification notification(String recipient) {
        String id = UUID.randomUUID().toString();
        return new Notification(
                "karachi-tech",
                "task-1",
                7,
                id,
                Trigger.ASSIGNED,
                recipient,
                "Task assigned to you: " + id,
                "boss@company.pk assigned \"Ship it\" to you.",
                Instant.now());
    }

    @Test
    void a_notification_becomes_an_email_from_the_verified_sender_to_the_assignee() throws Exception {
        MotoServer moto = MotoServer.get();
        try (SesV2Client ses = DynamoDbClients.configure(SesV2Client.builder(), moto.settings())
                .build()) {
            ses.createEmailIdentity(r -> r.emailIdentity("noreply@taskledger.dev"));
            Notification n = notification("hassan@company.pk");
            new SesEmailChannel(ses, "noreply@taskledger.dev").send(n);

            JsonNode data = EventCodec.MAPPER.readTree(HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/data.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            JsonNode sent = null;
            for (JsonNode message : data.path("ses").path("Message")) {
                if (message.path("subject").asText().equals(n.subject())) {
                    sent = message;
                }
            }
            assertThat(sent).as("the emulator recorded the message").isNotNull();
            assertThat(sent.get("source").asText()).isEqualTo("noreply@taskledger.dev");
            assertThat(sent.get("destinations").get("ToAddresses").get(0).asText())
                    .isEqualTo("hassan@company.pk");
            assertThat(sent.get("body").asText()).isEqualTo(n.text());
        }
    }

    @Test
    void an_unverified_sender_is_a_channel_failure_that_names_no_secret() {
        MotoServer moto = MotoServer.get();
        try (SesV2Client ses = DynamoDbClients.configure(SesV2Client.builder(), moto.settings())
                .build()) {
            assertThatThrownBy(() ->
                            new SesEmailChannel(ses, "unverified@taskledger.dev").send(notification("a@company.pk")))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageStartingWith("SES refused the message");
        }
    }
}
