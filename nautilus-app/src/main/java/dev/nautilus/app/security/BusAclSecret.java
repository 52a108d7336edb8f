package dev.nautilus.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one secret ({@code NAUTILUS_BUS_ACL_SECRET}) every Redis ACL user's password is derived from:
 * {@code HMAC-SHA256(secret, user)} in hex. Processes that share it agree on each user's password
 * without a list of passwords to distribute, and a password reveals neither the secret nor another
 * user's password. The ACL file holds only {@link #passwordHash SHA-256 hashes} of the passwords.
 * Never printed: {@link #toString()} masks it.
 */
public final class BusAclSecret {

    /** Shortest secret accepted: 128 bits of hex or base64 is about this long. */
    public static final int MIN_LENGTH = AccessTokens.MIN_LENGTH;

    private final SecretKeySpec key;

    private BusAclSecret(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * The secret as configured.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH}
     */
    public static BusAclSecret of(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "the bus ACL secret must be at least " + MIN_LENGTH + " characters long");
        }
        return new BusAclSecret(secret.strip());
    }

    /** The password of a Redis user: 64 hex digits, safe in a URL. */
    public String password(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** How Redis stores a password in an ACL file: {@code #} and the SHA-256 of the password in hex. */
    public static String passwordHash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BusAclSecret[***]";
    }
}
