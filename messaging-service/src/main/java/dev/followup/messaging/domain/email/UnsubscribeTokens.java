package dev.followup.messaging.domain.email;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.messaging.config.EmailSettings;

/**
 * The token in an email's unsubscribe link and List-Unsubscribe header: the email's id and an HMAC-SHA256 of it
 * under the service's secret, base64url. It names one email (hence dealer and address) and cannot be forged or
 * pointed at another address.
 */
@ApplicationScoped
public class UnsubscribeTokens {
    private static final int MAC_BYTES = 16;
    private final byte[] secret;

    public UnsubscribeTokens(EmailSettings settings) {
        this.secret = settings.unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String of(UUID emailId) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + MAC_BYTES);
        buffer.putLong(emailId.getMostSignificantBits()).putLong(emailId.getLeastSignificantBits());
        buffer.put(mac(Arrays.copyOf(buffer.array(), 16)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** @return the email the token names, or empty for anything forged, truncated or malformed */
    public Optional<UUID> emailOf(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != 16 + MAC_BYTES
                || !MessageDigest.isEqual(mac(Arrays.copyOf(bytes, 16)), Arrays.copyOfRange(bytes, 16, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }

    private byte[] mac(byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(id), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
