package org.exchange.platform.search;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Account ids as analysts see them: HMAC-SHA256 of the account id under a secret key, in hex. The same
 * account always gets the same pseudonym (analysts can group and count), but without the key nobody
 * can compute a given account's pseudonym, not even by hashing every known account id.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;

    public Pseudonyms(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the pseudonym key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String accountId) {
        try {
            // a Mac is not thread-safe: one per call is cheap next to an OpenSearch write
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", missing);
        }
    }
}
