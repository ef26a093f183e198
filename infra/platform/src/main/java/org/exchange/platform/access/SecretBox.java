package org.exchange.platform.access;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Seals API secrets at rest with AES-256-GCM. A signed request is checked by computing the same
 * HMAC as the client, so the server needs the secret itself, not a hash of it: what it stores is
 * the secret encrypted under a master key that lives outside the database. The associated data
 * binds each sealed secret to its key id, so a sealed value copied onto another row does not open.
 */
final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(String masterKey) {
        if (masterKey == null || masterKey.length() < 32) {
            throw new IllegalStateException("exchange.access.master-key must be set to at least 32 characters "
                    + "(./exchange generates one into .run/secrets/api-key-master-key)");
        }
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256").digest(masterKey.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    Sealed seal(String secret, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(nonce, run(Cipher.ENCRYPT_MODE, nonce, associatedData, secret.getBytes(StandardCharsets.UTF_8)));
    }

    String open(Sealed sealed, byte[] associatedData) {
        return new String(run(Cipher.DECRYPT_MODE, sealed.nonce(), associatedData, sealed.ciphertext()),
                StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException failure) {
            // a wrong master key or an altered row: never a usable secret
            throw new IllegalStateException("an API secret could not be unsealed", failure);
        }
    }
}
