package dev.taskledger.integration.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Actor;
import dev.taskledger.events.Role;
import dev.taskledger.integration.Tasks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsTest {
    static final Actor BOSS = Tasks.actor("boss@company.pk", Role.ADMIN);
    static final Actor HASSAN = Tasks.actor("hassan@company.pk", Role.MEMBER);
    static final String T = "karachi-tech";

    @TempDir
    Path dir;

    Tasks tasks;
    NotificationStore store;
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    NotificationConsumer consumer;

    @BeforeEach
    void setUp() {
        tasks = new Tasks(dir);
        store = new NotificationStore(tasks.table);
        consumer = new NotificationConsumer(store, tasks.ledger, recording(sent), Clock.systemUTC());
        // users of the tenant (signed in, or acted in it): the only addresses notifications go to
        store.rememberAddress(T, "hassan@company.pk");
        store.rememberAddress(T, "sara@company.pk");
        store.rememberAddress("other-tenant", "x@other.pk");
    }

    @AfterEach
    void tearDown() {
        tasks.close();
    }

    static NotificationChannel recording(List<Notification> sent) {
        return new NotificationChannel() {
            public void send(Notification n) {
                sent.add(n);
            }

            public String name() {
                return "recording";
            }
        };
    }

    void deliverAll() {
        tasks.allBusEvents(T).forEach(consumer::handle);
    }

    @Test
    void creating_a_task_assigned_to_someone_tells_them_by_default() throws Exception {
        tasks.create(T, BOSS, "{\"title\":\"Ship it\",\"assigned_to\":\"Hassan@Company.pk\",\"priority\":\"HIGH\"}");
        tasks.create(T, BOSS, "{\"title\":\"Nobody's\"}");
        deliverAll();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.trigger()).isEqualTo(Trigger.ASSIGNED);
            assertThat(n.recipient()).isEqualTo("hassan@company.pk");
            assertThat(n.subject()).isEqualTo("Task assigned to you: Ship it");
            assertThat(n.text()).contains("boss@company.pk").contains("priority HIGH");
        });
    }

    @Test
    void an_address_that_is_no_user_of_the_tenant_is_never_written_to_and_the_decision_is_recorded() throws Exception {
        tasks.create(T, BOSS, "{\"title\":\"Buy now\",\"assigned_to\":\"victim@outside.example\"}");
        tasks.create(T, BOSS, "{\"title\":\"Real work\",\"assigned_to\":\"hassan@company.pk\"}");
        deliverAll();
        assertThat(sent).extracting(Notification::recipient).containsExactly("hassan@company.pk");
        assertThat(store.record(T, 1, Trigger.ASSIGNED).orElseThrow().string("suppressed"))
                .isEqualTo("the recipient is not a known user of the tenant");
        // the boss acted in the tenant, so the boss's address is now a user's
        assertThat(store.isMemberAddress(T, "BOSS@company.pk")).isTrue();
    }

    @Test
    void a_recipient_gets_at_most_the_hourly_limit_however_often_a_task_is_toggled() throws Exception {
        String id = tasks.create(T, BOSS, "{\"title\":\"Toggle\",\"assigned_to\":\"hassan@company.pk\"}");
        for (int i = 0; i < NotificationConsumer.PER_RECIPIENT_PER_HOUR + 5; i++) {
            tasks.update(T, BOSS, id, "{\"assigned_to\":null}");
            tasks.update(T, BOSS, id, "{\"assigned_to\":\"hassan@company.pk\"}");
        }
        deliverAll();
        assertThat(sent).hasSize(NotificationConsumer.PER_RECIPIENT_PER_HOUR);
    }

    @Test
    void the_tenants_own_slack_webhook_gets_escaped_text_and_no_other_tenant_uses_it() throws Exception {
        List<Notification> slackSent = new CopyOnWriteArrayList<>();
        List<java.net.URI> slackUrls = new CopyOnWriteArrayList<>();
        NotificationConsumer withSlack =
                new NotificationConsumer(store, tasks.ledger, recording(sent), Clock.systemUTC(), url -> {
                    slackUrls.add(url);
                    return new NotificationChannel() {
                        public void send(Notification n) {
                            slackSent.add(n);
                        }

                        public String name() {
                            return SlackChannel.NAME;
                        }
                    };
                });
        store.saveSettings(
                T,
                new NotificationSettings(
                        EnumSet.of(Trigger.ASSIGNED),
                        java.util.Optional.of(java.net.URI.create("https://hooks.example/t"))));
        tasks.create(
                T,
                BOSS,
                "{\"title\":\"<!channel> <https://evil.example|click>\",\"assigned_to\":\"hassan@company.pk\"}");
        tasks.create("other-tenant", BOSS, "{\"title\":\"theirs\",\"assigned_to\":\"x@other.pk\"}");
        tasks.allBusEvents(T).forEach(withSlack::handle);
        tasks.allBusEvents("other-tenant").forEach(withSlack::handle);
        assertThat(slackSent).singleElement().satisfies(n -> assertThat(n.tenantId())
                .isEqualTo(T));
        assertThat(slackUrls).containsOnly(java.net.URI.create("https://hooks.example/t"));
        assertThat(SlackChannel.escape("<!channel> <https://evil.example|click> & co"))
                .isEqualTo("&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co");
        assertThat(store.settings(T).toJson().toString()).doesNotContain("hooks.example");
    }

    @Test
    void nobody_is_told_about_their_own_action() throws Exception {
        tasks.create(T, HASSAN, "{\"title\":\"Mine\",\"assigned_to\":\"hassan@company.pk\"}");
        deliverAll();
        assertThat(sent).isEmpty();
    }

    @Test
    void reassignment_status_changes_and_deletion_notify_when_the_tenant_asks_for_them() throws Exception {
        store.saveSettings(T, new NotificationSettings(EnumSet.allOf(Trigger.class)));
        String id = tasks.create(T, BOSS, "{\"title\":\"Rotate keys\",\"assigned_to\":\"hassan@company.pk\"}");
        tasks.update(T, BOSS, id, "{\"status\":\"IN_PROGRESS\"}");
        tasks.update(T, BOSS, id, "{\"assigned_to\":\"sara@company.pk\",\"title\":\"Rotate all keys\"}");
        tasks.update(T, BOSS, id, "{\"description\":\"no one hears of this\"}");
        tasks.delete(T, BOSS, id);
        deliverAll();
        assertThat(sent)
                .extracting(n -> n.trigger() + " " + n.recipient())
                .containsExactly(
                        "ASSIGNED hassan@company.pk",
                        "STATUS_CHANGED hassan@company.pk",
                        "ASSIGNED sara@company.pk",
                        "UNASSIGNED hassan@company.pk",
                        "DELETED sara@company.pk");
        assertThat(sent.get(2).subject()).isEqualTo("Task assigned to you: Rotate all keys");
        assertThat(sent.get(1).text()).contains("from OPEN to IN_PROGRESS");
    }

    @Test
    void with_default_settings_status_changes_are_silent_and_an_empty_list_silences_everything() throws Exception {
        String id = tasks.create(T, BOSS, "{\"title\":\"Quiet\",\"assigned_to\":\"hassan@company.pk\"}");
        tasks.update(T, BOSS, id, "{\"status\":\"DONE\"}");
        deliverAll();
        assertThat(sent).extracting(Notification::trigger).containsExactly(Trigger.ASSIGNED);
        store.saveSettings(T, new NotificationSettings(EnumSet.noneOf(Trigger.class)));
        tasks.create(T, BOSS, "{\"title\":\"Quieter\",\"assigned_to\":\"hassan@company.pk\"}");
        consumer.handle(tasks.busEvent(T, 3));
        assertThat(sent).hasSize(1);
        assertThat(store.settings(T).notifyOn()).isEmpty();
    }

    @Test
    void a_redelivered_event_sends_nothing_twice() throws Exception {
        tasks.create(T, BOSS, "{\"title\":\"Once\",\"assigned_to\":\"hassan@company.pk\"}");
        JsonNode event = tasks.busEvent(T, 1);
        consumer.handle(event);
        consumer.handle(event);
        assertThat(sent).hasSize(1);
    }

    @Test
    void a_failing_channel_throws_so_the_bus_retries_and_nothing_is_marked_sent() throws Exception {
        tasks.create(T, BOSS, "{\"title\":\"Retry me\",\"assigned_to\":\"hassan@company.pk\"}");
        NotificationConsumer failing = new NotificationConsumer(
                store,
                tasks.ledger,
                new NotificationChannel() {
                    public void send(Notification n) {
                        throw new ChannelException("down");
                    }

                    public String name() {
                        return "down";
                    }
                },
                Clock.systemUTC());
        assertThatThrownBy(() -> failing.handle(tasks.busEvent(T, 1))).isInstanceOf(ChannelException.class);
        consumer.handle(tasks.busEvent(T, 1)); // the retry, channel repaired
        assertThat(sent).hasSize(1);
    }

    @Test
    void the_outbox_keeps_each_tenants_notifications_apart_and_pages_them() throws Exception {
        OutboxChannel outbox = new OutboxChannel(dir);
        NotificationConsumer toOutbox = new NotificationConsumer(store, tasks.ledger, outbox, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            tasks.create(T, BOSS, "{\"title\":\"t" + i + "\",\"assigned_to\":\"hassan@company.pk\"}");
        }
        tasks.create("other-tenant", BOSS, "{\"title\":\"theirs\",\"assigned_to\":\"x@other.pk\"}");
        tasks.allBusEvents(T).forEach(toOutbox::handle);
        tasks.allBusEvents("other-tenant").forEach(toOutbox::handle);
        OutboxChannel.Page first = outbox.read(T, 0, 2);
        assertThat(first.items()).hasSize(2);
        assertThat(first.more()).isTrue();
        OutboxChannel.Page second = outbox.read(T, first.position(), 2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.more()).isFalse();
        assertThat(second.items().getFirst().get("subject").asText()).isEqualTo("Task assigned to you: t2");
        assertThat(outbox.read("other-tenant", 0, 10).items())
                .singleElement()
                .satisfies(n -> assertThat(n.get("recipient").asText()).isEqualTo("x@other.pk"));
    }

    @Test
    void settings_are_validated() throws Exception {
        for (String body : new String[] {
            "{}",
            "{\"notify_on\":[\"SOMETIMES\"]}",
            "{\"notify_on\":[\"ASSIGNED\",\"ASSIGNED\"]}",
            "{\"notify_on\":\"ASSIGNED\"}",
            "{\"notify_on\":[],\"extra\":1}"
        }) {
            assertThat(NotificationSettings.parse(dev.taskledger.events.EventCodec.MAPPER.readTree(body))
                            .isLeft())
                    .as(body)
                    .isTrue();
        }
        assertThat(NotificationSettings.parse(dev.taskledger.events.EventCodec.MAPPER.readTree(
                                "{\"notify_on\":[\"DELETED\",\"ASSIGNED\"]}"))
                        .get()
                        .toJson()
                        .toString())
                .isEqualTo("{\"notify_on\":[\"ASSIGNED\",\"DELETED\"],\"slack_webhook_configured\":false}");
    }
}
