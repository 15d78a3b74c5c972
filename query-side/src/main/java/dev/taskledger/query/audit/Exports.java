package dev.taskledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.LedgerHead;
import dev.taskledger.ledger.TenantCounters;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Verifiable exports: a request is recorded as PENDING and handed to a job (through the bus), which streams the
 * range's events as JSON Lines into a zip beside a {@code manifest.json} (tenant, range, count, head hash, and a
 * digest signing the hash at {@code to_sequence}), stores it, and marks the export DONE (or FAILED, with the
 * reason). Memory stays bounded: events are read and written a page at a time.
 */
public final class Exports {
    public static final String FORMAT = "taskledger-export/1";
    public static final Duration URL_TTL = Duration.ofMinutes(30);
    /**
     * How long an export (its status item and its bundle) is kept: then it is deleted (DynamoDB TTL and an S3
     * lifecycle rule in AWS, the runtime's expiry sweep locally). Equal to the bucket's Object Lock period.
     */
    public static final Duration RETENTION = Duration.ofDays(90);
    /** Exports of one tenant pending or running at once. */
    public static final int MAX_ACTIVE_PER_TENANT = 2;
    /** Exports one tenant may request per clock hour (UTC). */
    public static final int MAX_PER_HOUR = 20;

    static final String ACTIVE = "exports-active";
    static final String HOURLY = "exports-hour#";

    private final Ledger ledger;
    private final Digests digests;
    private final LedgerAttestor attestor;
    private final ObjectStore store;
    private final Clock clock;
    private final TenantCounters counters;

    public Exports(Ledger ledger, Digests digests, DigestSigner signer, ObjectStore store, Clock clock) {
        this.ledger = ledger;
        this.digests = digests;
        this.attestor = new LedgerAttestor(ledger, signer);
        this.counters = new TenantCounters(ledger.table());
        this.store = store;
        this.clock = clock;
    }

    public static Key key(String tenant, String exportId) {
        return Keys.export(tenant, exportId);
    }

    /**
     * Records a PENDING export of {@code from..to} (to clamped to the head when it runs), unless the tenant already
     * has {@link #MAX_ACTIVE_PER_TENANT} exports pending or running, or has requested {@link #MAX_PER_HOUR} this hour:
     * then nothing is written and the answer is false. Both limits are counters written with the request, exact under
     * concurrent requests.
     */
    public boolean request(String tenant, String exportId, long from, long to) {
        java.time.Instant now = clock.instant();
        java.time.Instant hour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Item item = Item.of(key(tenant, exportId))
                .with("status", "PENDING")
                .with("from_sequence", from)
                .with("to_sequence", to)
                .with("created_at", Times.format(now))
                .with(Keys.TTL_ATTRIBUTE, now.plus(RETENTION).getEpochSecond())
                .build();
        return counters.add(
                tenant,
                List.of(
                        new TenantCounters.Change(ACTIVE, 1, MAX_ACTIVE_PER_TENANT, () -> 0),
                        new TenantCounters.Change(
                                HOURLY + Times.format(hour),
                                1,
                                MAX_PER_HOUR,
                                () -> 0,
                                Optional.of(hour.plus(Duration.ofDays(1))))),
                List.of(new WriteOp.Put(item, Condition.NOT_EXISTS)));
    }

    /** Marks a request finished (DONE or FAILED) and frees its place among the tenant's active exports. */
    private void finish(String tenant, Item finished, Condition condition) {
        WriteOp put = new WriteOp.Put(finished, condition);
        if (!counters.add(
                tenant, List.of(new TenantCounters.Change(ACTIVE, -1, MAX_ACTIVE_PER_TENANT, () -> 0)), List.of(put))) {
            ledger.table().transactWrite(List.of(put)); // no counter to free (requested before counters existed)
        }
    }

    public Optional<Item> find(String tenant, String exportId) {
        return ledger.table().get(key(tenant, exportId));
    }

    /** Runs a PENDING export to DONE or FAILED; a finished one is left alone (deliveries are at-least-once). */
    public void run(String tenant, String exportId) {
        Item request = find(tenant, exportId).orElseThrow(() -> new IllegalStateException("no export " + exportId));
        if (!request.string("status").equals("PENDING")) {
            return;
        }
        try {
            LedgerHead head = ledger.head(tenant);
            long from = request.number("from_sequence");
            long to = Math.min(request.number("to_sequence"), head.sequence());
            if (from < 1 || from > to) {
                // refused at the request; a stored request that says otherwise is never signed
                throw new IllegalStateException("export range " + from + ".." + to + " is not in the ledger");
            }
            ObjectNode manifest = manifest(tenant, from, to);
            String objectKey = tenant + "/" + exportId + ".zip";
            store.put(objectKey, out -> {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("events.jsonl"));
                    Writer lines = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                    ledger.forEachEvent(tenant, from, to, event -> {
                        try {
                            lines.write(event.text());
                            lines.write('\n');
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    lines.flush();
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry("manifest.json"));
                    zip.write(EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                    zip.closeEntry();
                }
            });
            finish(
                    tenant,
                    Item.of(request.key())
                            .with("status", "DONE")
                            .with("from_sequence", from)
                            .with("to_sequence", to)
                            .with("created_at", request.string("created_at"))
                            .with("object_key", objectKey)
                            .with("manifest", manifest.toString())
                            .with(Keys.TTL_ATTRIBUTE, expiresAt(request))
                            .build(),
                    Condition.equals("status", dev.taskledger.table.Attr.s("PENDING")));
        } catch (IOException | RuntimeException e) {
            finish(
                    tenant,
                    Item.of(request.key())
                            .with("status", "FAILED")
                            .with("from_sequence", request.number("from_sequence"))
                            .with("to_sequence", request.number("to_sequence"))
                            .with("created_at", request.string("created_at"))
                            .with("error", "the export could not be written")
                            .with(Keys.TTL_ATTRIBUTE, expiresAt(request))
                            .build(),
                    Condition.equals("status", dev.taskledger.table.Attr.s("PENDING")));
        }
    }

    private long expiresAt(Item request) {
        return request.get(Keys.TTL_ATTRIBUTE).isPresent()
                ? request.number(Keys.TTL_ATTRIBUTE)
                : Times.parse(request.string("created_at")).plus(RETENTION).getEpochSecond();
    }

    private ObjectNode manifest(String tenant, long from, long to) {
        LedgerAttestor.Attestation signed = attestor.attest(
                tenant,
                to,
                Times.format(clock.instant()),
                digests.last(tenant).map(d -> Digests.sha256(d.jws())).orElse(HashChain.GENESIS));
        ObjectNode digest = signed.toJson();
        ObjectNode manifest = EventCodec.MAPPER.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("tenant_id", tenant);
        manifest.put("from_sequence", from);
        manifest.put("to_sequence", to);
        manifest.put("count", to - from + 1);
        manifest.put("head_hash", signed.hash());
        manifest.set("digest", digest);
        manifest.put("created_at", signed.issuedAt());
        return manifest;
    }

    /** The status document of {@code GET /audit/exports/{id}}. */
    public ObjectNode status(Item item, String exportId) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("export_id", exportId);
        json.put("status", item.string("status"));
        if (item.string("status").equals("DONE")) {
            json.put(
                    "download_url",
                    store.presignedGet(item.string("object_key"), URL_TTL).toString());
            try {
                JsonNode manifest = EventCodec.MAPPER.readTree(item.string("manifest"));
                json.set("manifest", manifest);
            } catch (IOException e) {
                throw new IllegalStateException("stored manifest unreadable", e);
            }
        }
        if (item.string("status").equals("FAILED")) {
            json.put("error", item.string("error"));
        }
        return json;
    }
}
