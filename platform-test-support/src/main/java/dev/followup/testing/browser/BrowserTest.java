package dev.followup.testing.browser;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * A {@code @QuarkusTest} that drives its service's pages in a real headless Chromium ({@link HeadlessChromium}):
 * one browser per test, closed after it; screenshots land in {@code target/screenshots}.
 */
public abstract class BrowserTest {
    @TestHTTPResource("/")
    protected URL base;

    protected ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Starts the browser with a fresh profile (no cookies) under target/. */
    protected ChromeDriver openBrowser() throws IOException {
        browser = HeadlessChromium.start(Files.createTempDirectory(Path.of("target"), "chromium-profile-"));
        return browser;
    }

    /** The service's URL of a path such as {@code /inbox}. */
    protected String absolute(String path) {
        String root = base.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }

    /**
     * Clicks a button that submits a form and returns once the browser shows the answer: a click can return before
     * the next page replaced this one, and a check read then would see the old page.
     */
    protected void submit(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    protected void screenshot(String name) throws IOException {
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(file, Path.of("target", "screenshots", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
