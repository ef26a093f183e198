package org.exchange.platform.eventchain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signing of checkpoint digests. Keys travel as base64 of their DER encodings, as
 * {@code openssl genpkey -algorithm ed25519 -outform DER} writes them: PKCS#8 for the private key
 * (only the writers hold it), X.509 SubjectPublicKeyInfo for the public one (the verifier).
 */
public final class CheckpointKeys {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {
    }

    public static PrivateKey privateKey(String base64Der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64Der, "private")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the checkpoint private key is not an Ed25519 PKCS#8 key", e);
        }
    }

    public static PublicKey publicKey(String base64Der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(base64Der, "public")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the checkpoint public key is not an Ed25519 X.509 key", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] digest) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(digest);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    public static boolean verifies(PublicKey key, byte[] digest, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(digest);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(String base64Der, String which) {
        if (base64Der == null || base64Der.isBlank()) {
            throw new IllegalArgumentException("no checkpoint " + which + " key configured");
        }
        return Base64.getDecoder().decode(base64Der.strip());
    }
}
