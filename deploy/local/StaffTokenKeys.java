import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes the local run's staff token key pair (RSA 2048, PEM) into the given folder, once: task-service signs reps'
 * and managers' tokens with it, insights-service verifies them. Run by deploy/local/up as a single-file program
 * (java StaffTokenKeys.java <folder>), so nothing but the JDK is needed.
 */
public class StaffTokenKeys {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Path privateKey = folder.resolve("staff-token-private.pem");
        Path publicKey = folder.resolve("staff-token-public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
