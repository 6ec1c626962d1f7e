package dev.followup.task.auth;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key pair that signs (and verifies) the reps' tokens. Every replica must share it, so it comes from
 * configuration: {@code followup.auth.private-key} / {@code followup.auth.public-key} as PEM text (environment
 * FOLLOWUP_AUTH_PRIVATE_KEY / FOLLOWUP_AUTH_PUBLIC_KEY), or {@code ...-location} naming a PEM file or classpath
 * resource. With neither, a throw-away pair is generated: fine for one local process, and logged as a warning,
 * because tokens then die with the process and are not accepted by other replicas.
 */
@ApplicationScoped
public class TokenKeys {
    private static final Logger LOG = Logger.getLogger(TokenKeys.class);

    private final PrivateKey signingKey;
    private final PublicKey verificationKey;

    public TokenKeys(@ConfigProperty(name = "followup.auth.private-key") Optional<String> privatePem,
            @ConfigProperty(name = "followup.auth.public-key") Optional<String> publicPem,
            @ConfigProperty(name = "followup.auth.private-key-location") Optional<String> privateLocation,
            @ConfigProperty(name = "followup.auth.public-key-location") Optional<String> publicLocation) {
        try {
            Optional<String> privateKey = privatePem.filter(s -> !s.isBlank())
                    .or(() -> privateLocation.filter(s -> !s.isBlank()).map(TokenKeys::read));
            Optional<String> publicKey = publicPem.filter(s -> !s.isBlank())
                    .or(() -> publicLocation.filter(s -> !s.isBlank()).map(TokenKeys::read));
            if (privateKey.isPresent() != publicKey.isPresent()) {
                throw new IllegalStateException(
                        "configure both followup.auth.private-key and followup.auth.public-key (or their -location), or neither");
            }
            if (privateKey.isPresent()) {
                signingKey = KeyUtils.decodePrivateKey(privateKey.get());
                verificationKey = KeyUtils.decodePublicKey(publicKey.get());
            } else {
                LOG.warn("No token signing key configured (FOLLOWUP_AUTH_PRIVATE_KEY / FOLLOWUP_AUTH_PUBLIC_KEY):"
                        + " using a throw-away key pair; tokens are valid for this process only");
                KeyPair pair = KeyUtils.generateKeyPair(2048);
                signingKey = pair.getPrivate();
                verificationKey = pair.getPublic();
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("token keys are not usable RSA PEM keys: " + e.getMessage(), e);
        }
    }

    private static String read(String location) {
        try {
            return KeyUtils.readKeyContent(location);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read key " + location, e);
        }
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public PublicKey verificationKey() {
        return verificationKey;
    }
}
