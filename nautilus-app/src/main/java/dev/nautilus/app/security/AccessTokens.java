package dev.nautilus.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two bearer tokens of a platform: {@code admin} and {@code read}. Unless configured, the read
 * token is derived from the admin token (HMAC-SHA256), so that processes sharing
 * {@code NAUTILUS_API_TOKEN} agree on it without a second secret to distribute, and it reveals nothing
 * of the admin token.
 *
 * @param admin      the admin token
 * @param read       the read token
 * @param configured whether the admin token came from configuration (true) or was generated at start
 */
public record AccessTokens(String admin, String read, boolean configured) {

    /** Shortest token accepted from configuration: 128 bits of hex or base64 is about this long. */
    public static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    public AccessTokens {
        if (admin.length() < MIN_LENGTH || read.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a token must be at least " + MIN_LENGTH + " characters long");
        }
        if (admin.equals(read)) {
            throw new IllegalArgumentException("the read token must differ from the admin token");
        }
    }

    /** Fresh random tokens, for a platform with none configured. */
    public static AccessTokens generated() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String admin = HexFormat.of().formatHex(bytes);
        return new AccessTokens(admin, derivedRead(admin), false);
    }

    /** The configured admin token and, if given, read token (else derived from the admin token). */
    public static AccessTokens configured(String admin, Optional<String> read) {
        return new AccessTokens(admin, read.orElseGet(() -> derivedRead(admin)), true);
    }

    /** The role a presented token grants, compared in constant time; empty for none or a wrong one. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(bytes, admin.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Role.ADMIN);
        }
        if (MessageDigest.isEqual(bytes, read.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Role.READ);
        }
        return Optional.empty();
    }

    private static String derivedRead(String admin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(admin.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal("nautilus read token".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 24);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AccessTokens[admin=***, read=***, configured=" + configured + "]";
    }
}
