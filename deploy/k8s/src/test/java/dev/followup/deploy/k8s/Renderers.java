package dev.followup.deploy.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the programs that render the overlays: `kubectl kustomize`.
 *
 * <p>Debian's kubernetes-client (kubectl 1.20, built-in kustomize v2.0.3) is the reference: the manifests must
 * render with it, so it is always one of the renderers. When it is not installed, it is installed with apt-get
 * (as root, when no other kubectl occupies /usr/bin/kubectl), or else its package is downloaded with
 * `apt-get download` and unpacked under target/ (no root needed, nothing on the system changes). A newer kubectl
 * found on the PATH renders too, so both the oldest and the current kustomize are checked. With no renderer at
 * all the tests fail with a message saying what was tried.
 *
 * <p>FOLLOWUP_KUBECTL=/path/to/kubectl uses that one program only.
 */
final class Renderers {
    static final String DEBIAN_PACKAGE = "kubernetes-client";

    private static Map<String, Path> found;
    private static String failure;
    private static final StringBuilder log = new StringBuilder();

    private Renderers() {
    }

    /** Renderer name (e.g. "kubectl v1.20.2 (Debian kubernetes-client)") to the kubectl binary. */
    static synchronized Map<String, Path> all(Path work) {
        if (found == null && failure == null) {
            try {
                found = discover(work);
                if (found.isEmpty()) {
                    failure = "no renderer for the Kustomize overlays: no kubectl on the PATH and Debian's "
                            + DEBIAN_PACKAGE + " package could be neither installed nor downloaded. Install it with "
                            + "`apt-get update && apt-get install -y " + DEBIAN_PACKAGE + "` (as root), or set "
                            + "FOLLOWUP_KUBECTL to a kubectl binary. What was tried:\n" + log;
                }
            } catch (IOException | RuntimeException e) {
                failure = "looking for a renderer failed: " + e + "\n" + log;
            }
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
        return found;
    }

    private static Map<String, Path> discover(Path work) throws IOException {
        Map<String, Path> renderers = new LinkedHashMap<>();
        String forced = System.getenv("FOLLOWUP_KUBECTL");
        if (forced != null && !forced.isBlank()) {
            Path path = Path.of(forced);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("FOLLOWUP_KUBECTL=" + forced + " is not an executable file");
            }
            renderers.put(describe(path, "FOLLOWUP_KUBECTL"), path);
            return renderers;
        }
        Optional<Path> onPath = which("kubectl");
        Optional<Path> debian = debianKubectl(work, onPath.isPresent());
        debian.ifPresent(path -> renderers.put(describe(path, "Debian " + DEBIAN_PACKAGE), path));
        if (onPath.isPresent() && (debian.isEmpty() || !sameFile(onPath.get(), debian.get()))) {
            renderers.put(describe(onPath.get(), "PATH"), onPath.get());
        }
        return renderers;
    }

    /** Debian's kubectl: installed, installed now, or unpacked from the downloaded package. */
    private static Optional<Path> debianKubectl(Path work, boolean otherKubectlOnPath) throws IOException {
        if (packageInstalled()) {
            return Optional.of(Path.of("/usr/bin/kubectl"));
        }
        Path unpacked = work.resolve("debian-kubectl/usr/bin/kubectl");
        if (Files.isExecutable(unpacked)) {
            return Optional.of(unpacked);
        }
        if (which("apt-get").isEmpty()) {
            log.append("- apt-get not found: not a Debian machine\n");
            return Optional.empty();
        }
        boolean root = isRoot();
        if (root) {
            // apt-cache knows nothing before the first update on a fresh machine.
            run(List.of("apt-get", "update", "-qq"), work, 300);
        }
        String policy = run(List.of("apt-cache", "policy", DEBIAN_PACKAGE), work, 60);
        Matcher candidate = Pattern.compile("Candidate:\\s*(\\S+)").matcher(policy);
        if (!candidate.find() || candidate.group(1).equals("(none)")) {
            log.append("- apt-cache has no candidate for ").append(DEBIAN_PACKAGE).append(root ? "" : " (not root: no apt-get update)").append('\n');
            return Optional.empty();
        }
        if (root && !otherKubectlOnPath) {
            run(List.of("apt-get", "install", "-y", "-qq", DEBIAN_PACKAGE), work, 300);
            if (packageInstalled()) {
                return Optional.of(Path.of("/usr/bin/kubectl"));
            }
        }
        // Another kubectl owns /usr/bin/kubectl (the package would clash with it), or we are not root:
        // take the package's binary without installing it.
        Path downloads = work.resolve("debian-download");
        Files.createDirectories(downloads);
        run(List.of("apt-get", "download", DEBIAN_PACKAGE), downloads, 300);
        try (var files = Files.list(downloads)) {
            Optional<Path> deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst();
            if (deb.isEmpty()) {
                log.append("- apt-get download ").append(DEBIAN_PACKAGE).append(" left no .deb\n");
                return Optional.empty();
            }
            run(List.of("dpkg-deb", "-x", deb.get().toString(), work.resolve("debian-kubectl").toString()), work, 120);
        }
        return Files.isExecutable(unpacked) ? Optional.of(unpacked) : Optional.empty();
    }

    private static boolean packageInstalled() {
        if (which("dpkg-query").isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", DEBIAN_PACKAGE).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && out.contains("install ok installed") && Files.isExecutable(Path.of("/usr/bin/kubectl"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command, logs it and its tail of output, and returns the output (stdout + stderr). */
    private static String run(List<String> command, Path dir, int timeoutSeconds) {
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "cmd", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            String tail = text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
            log.append("- `").append(String.join(" ", command)).append("`: ")
                    .append(done ? "exit " + p.exitValue() : "timed out after " + timeoutSeconds + "s")
                    .append(tail.isBlank() ? "" : "\n  " + tail.strip().replace("\n", "\n  ")).append('\n');
            return text;
        } catch (IOException e) {
            log.append("- `").append(String.join(" ", command)).append("`: ").append(e).append('\n');
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static Optional<Path> which(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(":")).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Path kubectl, String origin) {
        String version = "kubectl (version unknown)";
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "version", "--client", "--short").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("v\\d+\\.\\d+\\.\\d+[^\\s\"]*").matcher(out);
            if (!m.find()) {
                p = new ProcessBuilder(kubectl.toString(), "version", "--client").redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(60, TimeUnit.SECONDS);
                m = Pattern.compile("v\\d+\\.\\d+\\.\\d+[^\\s\"]*").matcher(out);
            }
            if (m.find(0)) {
                version = "kubectl " + m.group();
            }
        } catch (IOException e) {
            // keep "unknown"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return version + " (" + origin + ")";
    }

    /** `kubectl kustomize dir`: the rendered YAML; an AssertionError with kubectl's message when it fails. */
    static String render(Path kubectl, Path overlay, Path work) {
        try {
            Files.createDirectories(work);
            Path out = Files.createTempFile(work, "render", ".yaml");
            Path err = Files.createTempFile(work, "render", ".err");
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(kubectl + " kustomize " + overlay + " did not finish within 120s");
            }
            String yaml = Files.readString(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(kubectl + " kustomize " + overlay + " failed (exit " + p.exitValue() + "):\n" + errors);
            }
            return yaml;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<String> names(Map<String, Path> renderers) {
        return new ArrayList<>(renderers.keySet());
    }
}
