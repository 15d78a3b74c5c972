package dev.taskledger.command.domain;

import static dev.taskledger.command.domain.DeciderFixture.ADMIN;
import static dev.taskledger.command.domain.DeciderFixture.AUDITOR;
import static dev.taskledger.command.domain.DeciderFixture.MEMBER;
import static dev.taskledger.command.domain.DeciderFixture.OTHER_MEMBER;
import static dev.taskledger.command.domain.DeciderFixture.TASK;
import static dev.taskledger.command.domain.DeciderFixture.given;
import static dev.taskledger.command.domain.DeciderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.taskledger.events.Actor;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Role;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskDeciderTest {

    static List<FieldError> invalid(Rejection rejection) {
        assertThat(rejection).isInstanceOf(Rejection.Invalid.class);
        return ((Rejection.Invalid) rejection).errors();
    }

    @Nested
    class Creating {
        @Test
        void a_title_alone_creates_a_task_with_every_default_applied() {
            var events = given().whenCreate("{'title':'  Setup CI  '}").thenEvents();

            assertThat(events)
                    .containsExactly(new TaskCreated(
                            new TaskFields("Setup CI", "", Status.OPEN, Priority.MEDIUM, null, null, List.of())));
        }

        @Test
        void every_field_is_normalised_trimmed_and_the_assignee_lower_cased() {
            var events = given().whenCreate(
                            "{'title':'T','description':' d\\n ','status':'DONE','priority':'URGENT',"
                                    + "'assigned_to':' Hassan.Malik@Company.PK ','due_date':'2026-02-01','labels':[' ops ','ci']}")
                    .thenEvents();

            assertThat(events)
                    .containsExactly(new TaskCreated(new TaskFields(
                            "T",
                            "d",
                            Status.DONE,
                            Priority.URGENT,
                            "hassan.malik@company.pk",
                            LocalDate.of(2026, 2, 1),
                            List.of("ops", "ci"))));
        }

        @Test
        void a_missing_title_is_one_error() {
            assertThat(invalid(given().whenCreate("{'description':'x'}").thenRejected()))
                    .containsExactly(new FieldError("title", "is required"));
        }

        @Test
        void nullable_fields_may_be_null_on_create() {
            var events = given().whenCreate("{'title':'T','assigned_to':null,'due_date':null,'labels':null}")
                    .thenEvents();
            assertThat(((TaskCreated) events.get(0)).fields().labels()).isEmpty();
        }

        @Test
        void auditors_cannot_create() {
            // (with a bad body too: the route's roles answer 403 before the body is read, over HTTP)
            assertThat(given().as(AUDITOR).whenCreate("{'title':'t'}").thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
        }

        @Test
        void members_can_create() {
            assertThat(given().as(MEMBER).whenCreate("{'title':'mine'}").thenEvents())
                    .hasSize(1);
        }

        @Test
        void a_body_that_is_not_an_object_is_malformed() {
            assertThat(given().whenCreate("[1,2]").thenRejected()).isInstanceOf(Rejection.Malformed.class);
            assertThat(given().whenCreate("'text'").thenRejected()).isInstanceOf(Rejection.Malformed.class);
        }
    }

    @Nested
    class Field_rules {
        @Test
        void each_bad_field_gets_exactly_one_error_and_nothing_is_emitted() {
            var errors = invalid(given().whenCreate("{'title':'','status':'LOST','priority':3,'assigned_to':'nope',"
                            + "'due_date':'2026-02-30','labels':['a','a'],'extra':1,'version':3}")
                    .thenRejected());

            assertThat(errors)
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                            "title", "status", "priority", "assigned_to", "due_date", "labels", "extra", "version");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"task_id", "tenant_id", "created_at", "created_by", "updated_at", "updated_by", "version"})
        void server_owned_fields_are_rejected(String field) {
            var errors = invalid(
                    given().whenCreate("{'title':'T','" + field + "':'x'}").thenRejected());
            assertThat(errors).containsExactly(new FieldError(field, "is server-owned"));
        }

        @Test
        void title_length_counts_code_points_after_trimming() {
            String twoHundredEmoji = "😀".repeat(200);
            assertThat(given().whenCreate("{'title':'  " + twoHundredEmoji + "  '}")
                            .thenEvents())
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'" + "x".repeat(201) + "'}")
                            .thenRejected()))
                    .extracting(FieldError::field)
                    .containsExactly("title");
            assertThat(invalid(given().whenCreate("{'title':'   '}").thenRejected()))
                    .hasSize(1);
        }

        @Test
        void control_characters_are_refused_in_title_labels_and_assignee() {
            assertThat(invalid(given().whenCreate("{'title':'a\\u0007b'}").thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'a\\u0085b'}").thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','labels':['a\\tb']}")
                            .thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','assigned_to':'a\\u0000@b.c'}")
                            .thenRejected()))
                    .hasSize(1);
        }

        @Test
        void unpaired_surrogates_are_refused_and_paired_ones_accepted() {
            assertThat(invalid(given().whenCreate("{'title':'a\\ud83db'}").thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','description':'x\\ude00'}")
                            .thenRejected()))
                    .hasSize(1);
            assertThat(given().whenCreate("{'title':'a\\ud83d\\ude00b'}").thenEvents())
                    .hasSize(1);
        }

        @Test
        void description_allows_newline_return_and_tab_but_no_other_control() {
            assertThat(given().whenCreate("{'title':'T','description':'a\\n\\r\\tb'}")
                            .thenEvents())
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','description':'a\\u000bb'}")
                            .thenRejected()))
                    .containsExactly(new FieldError("description", "must not contain control characters"));
            assertThat(invalid(given().whenCreate("{'title':'T','description':'" + "d".repeat(10_001) + "'}")
                            .thenRejected()))
                    .hasSize(1);
        }

        @Test
        void labels_are_bounded_distinct_case_sensitively_and_keep_their_order() {
            String twentyOne = String.join(
                    ",",
                    java.util.stream.IntStream.range(0, 21)
                            .mapToObj(i -> "'l" + i + "'")
                            .toList());
            assertThat(invalid(given().whenCreate("{'title':'T','labels':[" + twentyOne + "]}")
                            .thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','labels':['" + "a".repeat(51) + "']}")
                            .thenRejected()))
                    .hasSize(1);
            assertThat(invalid(
                            given().whenCreate("{'title':'T','labels':['a/b']}").thenRejected()))
                    .hasSize(1);
            assertThat(invalid(given().whenCreate("{'title':'T','labels':['']}").thenRejected()))
                    .hasSize(1);
            assertThat(invalid(
                            given().whenCreate("{'title':'T','labels':'ops'}").thenRejected()))
                    .hasSize(1);
            var events =
                    given().whenCreate("{'title':'T','labels':['b','B','a:1']}").thenEvents();
            assertThat(((TaskCreated) events.get(0)).fields().labels()).containsExactly("b", "B", "a:1");
        }

        @Test
        void a_title_may_not_hide_or_reorder_text_and_must_show_something() {
            for (String hidden : List.of(
                    "\u200B", // zero-width space alone
                    "\u200D\u200C", // joiners alone
                    "pay \u202Eroot\u202C now", // right-to-left override
                    "a\u2066b\u2069", // isolates
                    "invoice\u200Bpdf",
                    "\uFEFFtitle",
                    "soft\u00ADhyphen",
                    "\u2061x")) {
                assertThat(given().as(ADMIN)
                                .whenCreate("{'title':'" + hidden + "'}")
                                .thenRejected())
                        .as(hidden)
                        .isInstanceOf(Rejection.Invalid.class);
            }
            for (String shown : List.of(
                    "family \uD83D\uDC68\u200D\uD83D\uDC69", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")) {
                assertThat(given().as(ADMIN)
                                .whenCreate("{'title':'" + shown + "'}")
                                .thenEvents())
                        .hasSize(1);
            }
        }

        @Test
        void assignee_is_an_email_of_at_most_254_characters() {
            String local = "a".repeat(64);
            String longDomain = String.join(".", List.of("b".repeat(63), "c".repeat(63), "d".repeat(62)));
            assertThat(invalid(given().whenCreate("{'title':'T','assigned_to':'" + local + "@" + longDomain + "'}")
                            .thenRejected()))
                    .containsExactly(new FieldError("assigned_to", "must be at most 254 characters"));
            assertThat(invalid(given().whenCreate("{'title':'T','assigned_to':'a@'}")
                            .thenRejected()))
                    .hasSize(1);
            assertThat(invalid(
                            given().whenCreate("{'title':'T','assigned_to':7}").thenRejected()))
                    .hasSize(1);
        }

        @Test
        void due_date_must_be_a_real_calendar_date() {
            assertThat(given().whenCreate("{'title':'T','due_date':'2028-02-29'}")
                            .thenEvents())
                    .hasSize(1);
            for (String bad : List.of("2027-02-29", "2026-1-01", "2026-01-01T00:00:00Z", "tomorrow")) {
                assertThat(invalid(given().whenCreate("{'title':'T','due_date':'" + bad + "'}")
                                .thenRejected()))
                        .as(bad)
                        .containsExactly(new FieldError("due_date", "must be a date YYYY-MM-DD"));
            }
        }

        @Test
        void null_title_status_or_priority_is_refused() {
            var fixture = given().created(ADMIN, "{'title':'T'}");
            assertThat(invalid(fixture.whenPatch("{'title':null,'status':null,'priority':null}")
                            .thenRejected()))
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("title", "status", "priority");
        }
    }

    @Nested
    class Updating {
        @Test
        void a_patch_changes_only_the_fields_it_names_with_old_and_new_values() {
            var events = given().created(ADMIN, "{'title':'T','labels':['x']}")
                    .whenPatch("{'status':'IN_PROGRESS','title':'T'}")
                    .thenEvents();

            assertThat(events)
                    .containsExactly(new TaskUpdated(java.util.Map.of(
                            TaskField.STATUS, new TaskUpdated.Change(Status.OPEN, Status.IN_PROGRESS))));
        }

        @Test
        void null_clears_description_assignee_due_date_and_labels() {
            var fixture = given().created(
                            ADMIN,
                            "{'title':'T','description':'d','assigned_to':'a@b.co','due_date':'2026-01-01','labels':['x']}");
            var events = fixture.whenPatch("{'description':null,'assigned_to':null,'due_date':null,'labels':null}")
                    .thenEvents();

            TaskUpdated updated = (TaskUpdated) events.get(0);
            assertThat(updated.changes().get(TaskField.DESCRIPTION).newValue()).isEqualTo("");
            assertThat(updated.changes().get(TaskField.ASSIGNED_TO).newValue()).isNull();
            assertThat(updated.changes().get(TaskField.DUE_DATE).newValue()).isNull();
            assertThat(updated.changes().get(TaskField.LABELS).newValue()).isEqualTo(List.of());
        }

        @Test
        void an_update_that_changes_nothing_emits_no_event() {
            assertThat(given().created(ADMIN, "{'title':'T','priority':'HIGH'}")
                            .whenPatch("{'title':' T ','priority':'HIGH'}")
                            .thenEvents())
                    .isEmpty();
            assertThat(given().created(ADMIN, "{'title':'T'}").whenPatch("{}").thenEvents())
                    .isEmpty();
        }

        @Test
        void an_absent_task_is_not_found() {
            assertThat(given().whenPatch("{'title':'x'}").thenRejected()).isInstanceOf(Rejection.NotFound.class);
        }

        @Test
        void a_deleted_task_is_not_found() {
            assertThat(given().created(ADMIN, "{'title':'T'}")
                            .deleted()
                            .whenPatch("{'title':'x'}")
                            .thenRejected())
                    .isInstanceOf(Rejection.NotFound.class);
        }

        @Test
        void a_bad_body_is_reported_before_existence() {
            assertThat(given().whenPatch("{'title':''}").thenRejected()).isInstanceOf(Rejection.Invalid.class);
        }

        @Test
        void a_stale_if_match_is_a_version_mismatch_naming_the_current_version() {
            var fixture = given().created(ADMIN, "{'title':'T'}").history(ADMIN, patch("{'title':'U'}"));

            Rejection rejection = fixture.whenUpdate("{'title':'V'}", new Precondition.EntityTags(Set.of("1")))
                    .thenRejected();

            assertThat(rejection)
                    .asInstanceOf(type(Rejection.VersionMismatch.class))
                    .extracting(Rejection.VersionMismatch::currentVersion)
                    .isEqualTo(2L);
        }

        @Test
        void any_matching_tag_or_a_star_passes() {
            var fixture = given().created(ADMIN, "{'title':'T'}");
            assertThat(fixture.whenUpdate("{'title':'V'}", new Precondition.EntityTags(Set.of("abc", "1")))
                            .thenEvents())
                    .hasSize(1);
            assertThat(fixture.whenUpdate("{'title':'V'}", new Precondition.AnyVersion())
                            .thenEvents())
                    .hasSize(1);
            assertThat(fixture.whenUpdate("{'title':'V'}", new Precondition.EntityTags(Set.of("abc")))
                            .thenRejected())
                    .isInstanceOf(Rejection.VersionMismatch.class);
        }

        @Test
        void auditors_cannot_update() {
            assertThat(given().created(ADMIN, "{'title':'T'}")
                            .as(AUDITOR)
                            .whenPatch("{'title':'x'}")
                            .thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
        }

        static TaskCommand patch(String body) {
            return dev.taskledger.command.request.TaskRequests.update(TASK, json(body), Precondition.NONE)
                    .get();
        }
    }

    @Nested
    class Member_ownership {
        @Test
        void a_member_may_update_a_task_they_created() {
            assertThat(given().created(MEMBER, "{'title':'T'}")
                            .as(MEMBER)
                            .whenPatch("{'title':'U'}")
                            .thenEvents())
                    .hasSize(1);
        }

        @Test
        void a_member_may_update_a_task_assigned_to_their_email_compared_case_insensitively() {
            assertThat(given().created(ADMIN, "{'title':'T','assigned_to':'member@example.com'}")
                            .as(MEMBER)
                            .whenPatch("{'status':'DONE'}")
                            .thenEvents())
                    .hasSize(1);
        }

        @Test
        void a_look_alike_address_never_owns_a_task_assigned_to_an_ascii_one() {
            // KELVIN SIGN, LONG S and dotted capital I fold onto k, s and i under Java's case-insensitive compare
            for (String lookAlike : List.of("\u212Aim@e.com", "\u017Fam@e.com", "\u0130ra@e.com")) {
                String ascii =
                        lookAlike.replace("\u212A", "k").replace("\u017F", "s").replace("\u0130", "i");
                Actor impostor = new Actor("impostor", lookAlike, Role.MEMBER);
                assertThat(given().created(ADMIN, "{'title':'T','assigned_to':'" + ascii + "'}")
                                .as(impostor)
                                .whenPatch("{'status':'DONE'}")
                                .thenRejected())
                        .as(lookAlike)
                        .isInstanceOf(Rejection.Forbidden.class);
                Actor owner = new Actor("owner", ascii.toUpperCase(java.util.Locale.ROOT), Role.MEMBER);
                assertThat(given().created(ADMIN, "{'title':'T','assigned_to':'" + ascii + "'}")
                                .as(owner)
                                .whenPatch("{'status':'DONE'}")
                                .thenEvents())
                        .hasSize(1);
            }
        }

        @Test
        void a_member_may_not_update_someone_elses_task() {
            assertThat(given().created(MEMBER, "{'title':'T'}")
                            .as(OTHER_MEMBER)
                            .whenPatch("{'title':'U'}")
                            .thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
        }

        @Test
        void ownership_is_checked_after_existence_and_before_the_precondition() {
            assertThat(given().as(OTHER_MEMBER).whenPatch("{'title':'U'}").thenRejected())
                    .isInstanceOf(Rejection.NotFound.class);
            assertThat(given().created(MEMBER, "{'title':'T'}")
                            .as(OTHER_MEMBER)
                            .whenUpdate("{'title':'U'}", new Precondition.EntityTags(Set.of("9")))
                            .thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
        }
    }

    @Nested
    class Deleting {
        @Test
        void an_admin_deletes_a_live_task() {
            assertThat(given().created(ADMIN, "{'title':'T'}")
                            .when(new TaskCommand.DeleteTask(TASK, Precondition.NONE))
                            .thenEvents())
                    .containsExactly(new TaskDeleted());
        }

        @Test
        void members_and_auditors_cannot_delete() {
            var fixture = given().created(MEMBER, "{'title':'T'}");
            assertThat(fixture.as(MEMBER)
                            .when(new TaskCommand.DeleteTask(TASK, Precondition.NONE))
                            .thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
            assertThat(fixture.as(AUDITOR)
                            .when(new TaskCommand.DeleteTask(TASK, Precondition.NONE))
                            .thenRejected())
                    .isInstanceOf(Rejection.Forbidden.class);
        }

        @Test
        void a_second_delete_is_not_found() {
            assertThat(given().created(ADMIN, "{'title':'T'}")
                            .deleted()
                            .when(new TaskCommand.DeleteTask(TASK, Precondition.NONE))
                            .thenRejected())
                    .isInstanceOf(Rejection.NotFound.class);
        }

        @Test
        void a_stale_if_match_is_a_version_mismatch() {
            assertThat(given().created(ADMIN, "{'title':'T'}")
                            .when(new TaskCommand.DeleteTask(TASK, new Precondition.EntityTags(Set.of("2"))))
                            .thenRejected())
                    .isInstanceOf(Rejection.VersionMismatch.class);
        }
    }

    @Nested
    class Evolving {
        @Test
        void creation_records_who_and_when_and_version_one() {
            TaskState state = given().created(MEMBER, "{'title':'T'}").state();
            assertThat(state).isInstanceOf(TaskState.Live.class);
            TaskState.Live live = (TaskState.Live) state;
            assertThat(live.version()).isEqualTo(1);
            assertThat(live.createdBy()).isEqualTo("member-sub");
            assertThat(live.updatedBy()).isEqualTo("member-sub");
        }

        @Test
        void deletion_keeps_the_version_line() {
            TaskState state = given().created(ADMIN, "{'title':'T'}").deleted().state();
            assertThat(state).isInstanceOf(TaskState.Deleted.class);
            assertThat(state.version()).isEqualTo(2);
        }

        @Test
        void an_event_that_cannot_follow_the_state_is_an_invalid_history() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskDecider.evolve(
                            TaskState.ABSENT,
                            new TaskDeleted(),
                            new dev.taskledger.events.EventMeta(TASK, 1, DeciderFixture.T0, ADMIN)))
                    .isInstanceOf(InvalidHistoryException.class);
        }
    }
}
