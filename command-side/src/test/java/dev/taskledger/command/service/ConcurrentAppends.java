package dev.taskledger.command.service;

import static dev.taskledger.command.service.ServiceFixture.ADMIN;
import static dev.taskledger.command.service.ServiceFixture.context;
import static dev.taskledger.command.service.ServiceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code threads} writers × {@code perThread} commands on one tenant: every other command creates a task, the
 * rest update one hot task with a title no other command uses. Then the ledger must hold exactly the expected
 * gapless sequence, a verified chain, gapless task versions, and every hot update (none lost).
 */
final class ConcurrentAppends {
    private ConcurrentAppends() {}

    static void runAndCheck(Ledger ledger, String tenant, int threads, int perThread) throws Exception {
        TaskCommandService service = new TaskCommandService(ledger);
        String hot = "hot-" + tenant;
        ServiceFixture.create(service, tenant, hot, "{'title':'hot'}");
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        Set<String> hotTitles = Collections.synchronizedSet(new HashSet<>());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int commands = thread == 0 ? perThread - 1 : perThread; // the hot task's creation counts too
                for (int i = 0; i < commands; i++) {
                    if (i % 2 == 0) {
                        String id = "task-" + thread + "-" + i;
                        assertThat(ServiceFixture.create(service, tenant, id, "{'title':'t'}"))
                                .isInstanceOf(CommandResult.Applied.class);
                        created.add(id);
                    } else {
                        String title = "hot " + thread + "/" + i;
                        CommandResult r = service.handle(
                                tenant,
                                TaskRequests.update(hot, json("{'title':'" + title + "'}"), Precondition.NONE)
                                        .get(),
                                context(ADMIN, null),
                                Optional.empty());
                        assertThat(r).isInstanceOf(CommandResult.Applied.class);
                        hotTitles.add(title);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        long total = (long) threads * perThread;
        assertThat(ledger.head(tenant).sequence()).isEqualTo(total);
        ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
        assertThat(report.verified()).as("chain %s", report.failure()).isTrue();
        assertThat(report.checked()).isEqualTo(total);

        List<EventEnvelope> hotHistory = ledger.history(tenant, hot);
        for (int v = 0; v < hotHistory.size(); v++) {
            assertThat(hotHistory.get(v).taskVersion()).isEqualTo(v + 1);
        }
        Set<Object> appliedTitles = new HashSet<>();
        hotHistory.stream()
                .skip(1)
                .map(e ->
                        ((TaskUpdated) e.data()).changes().get(TaskField.TITLE).newValue())
                .forEach(appliedTitles::add);
        assertThat(appliedTitles).as("no hot update lost").isEqualTo(new HashSet<Object>(hotTitles));
        assertThat(hotHistory).hasSize(hotTitles.size() + 1);
        TaskState hotState = ServiceFixture.assertFoldEqualsWriteState(ledger, tenant, hot);
        assertThat(hotState.version()).isEqualTo(hotTitles.size() + 1);
        for (String id : created) {
            assertThat(ledger.taskState(tenant, id).orElseThrow().version()).isEqualTo(1);
        }
        assertThat(created.size() + hotTitles.size() + 1).isEqualTo(total);
    }
}
