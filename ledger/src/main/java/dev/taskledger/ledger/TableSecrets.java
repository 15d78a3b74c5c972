package dev.taskledger.ledger;

import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Table;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Process-wide random keys kept in the table ({@code SYSTEM / SECRET#<name>}): created by whichever function asks
 * first (a conditional put, so concurrent first calls agree), read by the others. For keys whose holder can read
 * the table anyway, such as the cursor-signing key in AWS (the table is encrypted at rest with KMS).
 */
public final class TableSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TableSecrets() {}

    public static byte[] loadOrCreate(Table table, String name) {
        var key = Keys.system("SECRET#" + name);
        var existing = table.get(key);
        if (existing.isPresent()) {
            return Base64.getDecoder().decode(existing.get().string("value"));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        try {
            table.put(
                    Item.of(key)
                            .with("value", Base64.getEncoder().encodeToString(secret))
                            .build(),
                    Condition.NOT_EXISTS);
            return secret;
        } catch (ConditionFailedException anotherWon) {
            return Base64.getDecoder().decode(table.get(key).orElseThrow().string("value"));
        }
    }
}
