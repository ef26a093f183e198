package org.exchange.platform.access;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.common.TextFields;
import org.exchange.platform.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Traders' API keys for bots. The secret is generated here, shown once in {@link Created}, and kept
 * only sealed ({@link SecretBox}); listing never returns it. Revoking keeps the row (who had which
 * key when) but the key stops working at once on every replica, since each request looks it up.
 */
public final class ApiKeys {

    /** Where traders manage their keys; signed requests may not reach it (a key cannot manage keys). */
    public static final String PATH = "/api/v1/api-keys";

    /** What a key may do: READ for GET/HEAD requests, TRADE for everything else. */
    public enum Permission { READ, TRADE }

    /** A key as its owner sees it; never the secret. */
    public record ApiKey(UUID keyId, String apiKey, String accountId, String username, String label,
                         Set<Permission> permissions, List<String> ipAllowList, Instant createdAt, Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new key with its secret: the only moment the secret leaves the server. */
    public record Created(ApiKey key, String secret) {
    }

    /** An active key with the secret that signs its requests. */
    record Verifiable(ApiKey key, String secret) {
    }

    private static final int MAX_LABEL_LENGTH = 64;
    private static final int MAX_ALLOWED_ADDRESSES = 30;
    private static final int KEY_LENGTH = 64;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SecretBox secrets;
    private final int maxKeysPerAccount;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(AccessStore store, SecretBox secrets, int maxKeysPerAccount) {
        this.jdbc = store.jdbc();
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.secrets = secrets;
        this.maxKeysPerAccount = maxKeysPerAccount;
    }

    /**
     * @throws ExchangeException {@code VALIDATION_FAILED} for a bad label, permission or address,
     *                           {@code TOO_MANY_API_KEYS} when the account holds the maximum
     */
    public Created create(Caller owner, String label, List<String> permissions, List<String> ipAllowList) {
        String checkedLabel = label(label);
        Set<Permission> granted = permissions(permissions);
        List<String> addresses = addresses(ipAllowList);
        UUID keyId = UUID.randomUUID();
        String apiKey = randomString();
        String secret = randomString();
        SecretBox.Sealed sealed = secrets.seal(secret, associatedData(keyId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(status -> {
            // one creation at a time per account, so two at once cannot both pass the count
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))", Object.class, owner.accountId());
            Integer active = jdbc.queryForObject(
                    "SELECT count(*) FROM api_keys WHERE account_id = ? AND revoked_at IS NULL",
                    Integer.class, owner.accountId());
            if (active != null && active >= maxKeysPerAccount) {
                throw new ExchangeException(ErrorCode.TOO_MANY_API_KEYS,
                        "an account may hold at most " + maxKeysPerAccount + " active API keys; revoke one first");
            }
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("""
                        INSERT INTO api_keys (key_id, api_key, account_id, username, label, permissions, ip_allow_list,
                                              secret_nonce, secret_sealed, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                insert.setObject(1, keyId);
                insert.setString(2, apiKey);
                insert.setString(3, owner.accountId());
                insert.setString(4, owner.username());
                insert.setString(5, checkedLabel);
                insert.setArray(6, connection.createArrayOf("text", granted.stream().map(Enum::name).toArray()));
                insert.setArray(7, connection.createArrayOf("text", addresses.toArray()));
                insert.setBytes(8, sealed.nonce());
                insert.setBytes(9, sealed.ciphertext());
                insert.setTimestamp(10, Timestamp.from(now));
                return insert;
            });
        });
        return new Created(new ApiKey(keyId, apiKey, owner.accountId(), owner.username(), checkedLabel, granted,
                addresses, now, null), secret);
    }

    /** The account's keys, newest first, revoked ones included (without secrets). */
    public List<ApiKey> list(String accountId) {
        return jdbc.query("SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at DESC, key_id",
                ApiKeys::key, accountId);
    }

    /**
     * Revokes one of the account's keys; revoking it again answers the same.
     *
     * @throws ExchangeException {@code API_KEY_NOT_FOUND} for an unknown id or another account's key
     */
    public ApiKey revoke(String accountId, String keyId) {
        UUID id = keyId(keyId);
        jdbc.update("UPDATE api_keys SET revoked_at = clock_timestamp() "
                + "WHERE key_id = ? AND account_id = ? AND revoked_at IS NULL", id, accountId);
        return jdbc.query("SELECT * FROM api_keys WHERE key_id = ? AND account_id = ?", ApiKeys::key, id, accountId)
                .stream().findFirst().orElseThrow(ApiKeys::notFound);
    }

    /** The active key with this public value, with its secret; empty for unknown or revoked keys. */
    Optional<Verifiable> active(String apiKey) {
        if (apiKey == null || apiKey.length() != KEY_LENGTH) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM api_keys WHERE api_key = ? AND revoked_at IS NULL", (row, n) -> {
            ApiKey key = key(row, n);
            String secret = secrets.open(new SecretBox.Sealed(row.getBytes("secret_nonce"), row.getBytes("secret_sealed")),
                    associatedData(key.keyId()));
            return new Verifiable(key, secret);
        }, apiKey).stream().findFirst();
    }

    private static ApiKey key(ResultSet row, int rowNumber) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : strings(row.getArray("permissions"))) {
            permissions.add(Permission.valueOf(name));
        }
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new ApiKey(row.getObject("key_id", UUID.class), row.getString("api_key"), row.getString("account_id"),
                row.getString("username"), row.getString("label"), permissions,
                List.of(strings(row.getArray("ip_allow_list"))), row.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private String randomString() {
        char[] chars = new char[KEY_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    private static byte[] associatedData(UUID keyId) {
        return ByteBuffer.allocate(16).putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits()).array();
    }

    private static String label(String label) {
        return TextFields.text("label", label, MAX_LABEL_LENGTH);
    }

    private static Set<Permission> permissions(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw invalid("permissions must name at least one of " + Arrays.toString(Permission.values()));
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            try {
                granted.add(Permission.valueOf(String.valueOf(name)));
            } catch (IllegalArgumentException unknown) {
                throw invalid("permissions must be among " + Arrays.toString(Permission.values()));
            }
        }
        return granted;
    }

    private static List<String> addresses(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ALLOWED_ADDRESSES) {
            throw invalid("ipAllowList holds at most " + MAX_ALLOWED_ADDRESSES + " addresses");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : given) {
            addresses.add(AddressRange.parse(address).toString());
        }
        return new ArrayList<>(addresses);
    }

    private static UUID keyId(String given) {
        try {
            UUID id = UUID.fromString(given);
            if (!id.toString().equals(given.toLowerCase(Locale.ROOT))) {
                throw notFound();
            }
            return id;
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw notFound();
        }
    }

    private static ExchangeException notFound() {
        return new ExchangeException(ErrorCode.API_KEY_NOT_FOUND, "no such API key among yours");
    }

    static ExchangeException invalid(String detail) {
        return new ExchangeException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
