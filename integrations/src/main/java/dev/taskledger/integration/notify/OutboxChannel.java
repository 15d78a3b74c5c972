package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local channel: each notification is one JSON line appended (and forced to disk) to {@code outbox.jsonl} in
 * the data directory, and read back per tenant by {@code GET /dev/outbox}. A line torn by a crash mid-write is
 * skipped when reading.
 */
public final class OutboxChannel implements NotificationChannel {
    public static final String FILE = "outbox.jsonl";
    private final Path file;

    public OutboxChannel(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public synchronized void send(Notification notification) {
        byte[] line = (notification.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(
                file,
                java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the notification outbox", e);
        }
    }

    @Override
    public String name() {
        return "outbox";
    }

    /** One page of a tenant's notifications in the order they were sent: after the {@code after}-th, at most {@code limit}. */
    public synchronized Page read(String tenantId, long after, int limit) {
        if (!Files.exists(file)) {
            return new Page(List.of(), after, false);
        }
        List<JsonNode> items = new ArrayList<>();
        long index = 0;
        boolean more = false;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                JsonNode json = parse(line);
                if (json == null || !tenantId.equals(json.path("tenant_id").asText())) {
                    continue;
                }
                index++;
                if (index <= after) {
                    continue;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the notification outbox", e);
        }
        return new Page(items, after + items.size(), more);
    }

    public record Page(List<JsonNode> items, long position, boolean more) {}

    private static JsonNode parse(String line) {
        try {
            JsonNode json = EventCodec.MAPPER.readTree(line);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }
}
