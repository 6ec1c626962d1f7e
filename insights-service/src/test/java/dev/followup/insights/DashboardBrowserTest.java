package dev.followup.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

import dev.followup.insights.api.DashboardPage;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.browser.BrowserTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A manager signs in to the dashboard in a real headless Chromium, reads the figures and filters by source. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DashboardBrowserTest extends BrowserTest {
    @Test
    void aManagerSignsInReadsTheFiguresAndFiltersBySource() throws Exception {
        Scenario scenario = Scenario.publishOne();
        String manager = scenario.tokenOf(scenario.manager, scenario.dealer, "manager");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var report = InsightsReportTest.report(manager, null, scenario.dealer);
            return report != null && report.getList("reps.name").containsAll(java.util.List.of("Ada Rep", "Bo Rep"))
                    && report.getInt("funnel.leads") == 6 && report.getInt("funnel.sold") == 1
                    && report.getList("steps").size() == 2 && report.getInt("funnel.visits") == 1;
        });

        openBrowser();
        browser.get(absolute("/insights/dashboard/" + scenario.dealer));
        assertThat(browser.getCurrentUrl()).endsWith("/insights/dashboard/sign-in");
        browser.findElement(By.id("token")).sendKeys(manager);
        submit(browser.findElement(By.id("sign-in")));
        assertThat(browser.getCurrentUrl()).endsWith("/insights/dashboard/" + scenario.dealer);
        Cookie session = browser.manage().getCookieNamed(DashboardPage.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        // The filter form is a plain GET: the scenario's two days, all sources.
        browser.get(absolute("/insights/dashboard/" + scenario.dealer + "?from=" + Scenario.FROM + "&to=" + Scenario.TO));
        assertThat(browser.findElement(By.id("dealer")).getText()).isEqualTo("Scenario Motors");
        assertThat(browser.findElement(By.id("leads")).getText()).isEqualTo("6");
        assertThat(browser.findElement(By.id("within-1-minute")).getText()).isEqualTo("33.3 %");
        assertThat(browser.findElement(By.id("appointments")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#funnel svg rect"))).hasSize(7);
        assertThat(browser.findElements(By.cssSelector("#first-text svg rect"))).hasSize(7);
        assertThat(browser.findElement(By.id("reps")).getText()).contains("Ada Rep", "Bo Rep");
        assertThat(browser.findElement(By.id("steps")).getText()).contains("new-lead.first-touch", "new-lead.day-1");
        assertThat(browser.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content"))
                .contains("width=device-width");
        screenshot("dashboard-all-sources.png");

        new Select(browser.findElement(By.name("source"))).selectByValue("autotrader");
        submit(browser.findElement(By.cssSelector("form.filters button")));
        assertThat(browser.getCurrentUrl()).contains("source=autotrader");
        assertThat(browser.findElement(By.id("leads")).getText()).isEqualTo("2");
        assertThat(new Select(browser.findElement(By.name("source"))).getFirstSelectedOption().getText())
                .isEqualTo("autotrader");

        submit(browser.findElement(By.cssSelector("form[action='/insights/dashboard/sign-out'] button")));
        // The click returns before the browser has the answer: wait for the signed-out page to drop the cookie.
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.manage().getCookieNamed(DashboardPage.COOKIE) == null);
        browser.get(absolute("/insights/dashboard/" + scenario.dealer));
        assertThat(browser.getCurrentUrl()).endsWith("/insights/dashboard/sign-in");
    }

}
