package dev.followup.testing.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium from Debian's chromium and chromium-driver packages, installed with apt-get when
 * missing (as root). Selenium is given both paths, so Selenium Manager downloads nothing. If the browser cannot be
 * installed the test fails, unless FOLLOWUP_SKIP_BROWSER_TESTS=true.
 */
public final class HeadlessChromium {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A phone-sized headless browser with its own profile folder. */
    public static ChromeDriver start(Path userDataDir) {
        ensureInstalled();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + userDataDir.toAbsolutePath(), "--window-size=390,1400");
        return new ChromeDriver(service, options);
    }

    public static synchronized void ensureInstalled() {
        if (installed()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("FOLLOWUP_SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("chromium is not installed and FOLLOWUP_SKIP_BROWSER_TESTS=true");
        }
        File log = new File("target/chromium-install.log");
        try {
            Process install = new ProcessBuilder("sh", "-c",
                    "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver")
                    .redirectErrorStream(true).redirectOutput(log).start();
            if (!install.waitFor(15, TimeUnit.MINUTES)) {
                install.destroyForcibly();
                fail("Installing chromium and chromium-driver with apt-get took more than 15 minutes; see " + log);
            }
            if (install.exitValue() != 0 || !installed()) {
                fail("The browser test needs Debian's chromium and chromium-driver packages, and installing them failed"
                        + " (exit " + install.exitValue() + ", needs root and the Debian package mirror); see "
                        + log.getAbsolutePath() + ". Install them, or set FOLLOWUP_SKIP_BROWSER_TESTS=true to skip.");
            }
        } catch (java.io.IOException e) {
            fail("Could not run apt-get to install chromium and chromium-driver: " + e.getMessage()
                    + ". Install them, or set FOLLOWUP_SKIP_BROWSER_TESTS=true to skip.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while installing chromium");
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }
}
