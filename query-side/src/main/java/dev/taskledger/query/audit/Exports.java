package dev.taskledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.LedgerHead;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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

    private final Ledger ledger;
    private final Digests digests;
    private final LedgerAttestor attestor;
    private final ObjectStore store;
    private final Clock clock;

    public Exports(Ledger ledger, Digests digests, DigestSigner signer, ObjectStore store, Clock clock) {
        this.ledger = ledger;
        this.digests = digests;
        this.attestor = new LedgerAttestor(ledger, signer);
        this.store = store;
        this.clock = clock;
    }

    public static Key key(String tenant, String exportId) {
        return new Key(Keys.tenantPartition(tenant), "EXPORT#" + exportId);
    }

    /** Records a PENDING export of {@code from..to} (to clamped to the head when it runs). */
    public void request(String tenant, String exportId, long from, long to) {
        ledger.table()
                .put(
                        Item.of(key(tenant, exportId))
                                .with("status", "PENDING")
                                .with("from_sequence", from)
                                .with("to_sequence", to)
                                .with("created_at", Times.format(clock.instant()))
                                .build(),
                        Condition.NOT_EXISTS);
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
            ledger.table()
                    .put(
                            Item.of(request.key())
                                    .with("status", "DONE")
                                    .with("from_sequence", from)
                                    .with("to_sequence", to)
                                    .with("created_at", request.string("created_at"))
                                    .with("object_key", objectKey)
                                    .with("manifest", manifest.toString())
                                    .build(),
                            Condition.equals("status", dev.taskledger.table.Attr.s("PENDING")));
        } catch (IOException | RuntimeException e) {
            ledger.table()
                    .put(
                            Item.of(request.key())
                                    .with("status", "FAILED")
                                    .with("from_sequence", request.number("from_sequence"))
                                    .with("to_sequence", request.number("to_sequence"))
                                    .with("created_at", request.string("created_at"))
                                    .with("error", "the export could not be written")
                                    .build(),
                            Condition.NONE);
        }
    }

    private ObjectNode manifest(String tenant, long from, long to) {
        LedgerAttestor.Attestation signed = attestor.attest(
                tenant,
                to,
                Times.format(clock.instant()),
                digests.last(tenant).map(d -> Digests.sha256(d.jws())).orElse(HashChain.GENESIS));
        ObjectNode digest = EventCodec.MAPPER.createObjectNode();
        digest.put("tenant_id", tenant);
        digest.put("sequence", signed.sequence());
        digest.put("hash", signed.hash());
        digest.put("issued_at", signed.issuedAt());
        digest.put("signature", signed.jws());
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
