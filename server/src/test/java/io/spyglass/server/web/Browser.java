package io.spyglass.server.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One Chromium window driven by a test; see {@link BrowserFixture}. */
final class Browser {
    private final BrowserFixture fixture;
    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> cspViolations = new ArrayList<>();

    Browser(BrowserFixture fixture, ChromeDriver driver, Path profile) {
        this.fixture = fixture;
        this.driver = driver;
        this.profile = profile;
    }

    /** Opens {@code url} and saves a screenshot named {@code page}. */
    Browser open(String url, String page) {
        driver.get(url);
        shot(page);
        return this;
    }

    Path shot(String page) {
        return fixture.screenshot(driver, page);
    }

    /** The same page at a phone's width (390 px), saved as {@code page-phone}. */
    Path phoneShot(String page) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            return fixture.screenshot(driver, page + "-phone");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Types into the field with this id (clearing it first). */
    Browser fill(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks and waits for the next page, then saves it as {@code page}. */
    Browser submit(By button, String page) {
        WebElement old = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> gone(old));
        // a form post answered by a redirect loads two documents: wait for the last one
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                && !d.findElements(By.tagName("footer")).isEmpty());
        shot(page);
        return this;
    }

    /**
     * Whether the element's document was replaced. Chromium sometimes answers "Node with given id does
     * not belong to the document" instead of a stale element error for a replaced page: gone too.
     */
    private static boolean gone(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    /** Opens the {@code <details>} elements matching {@code css} (as a click on each would) and saves the page as {@code page}. */
    Browser expand(String css, String page) {
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelectorAll(arguments[0]).forEach(d => { d.open = true; d.scrollIntoView(); })", css);
        shot(page);
        return this;
    }

    /** Signs in through the sign-in form. */
    Browser signIn(String base, String user, String password) {
        open(base + "/signin", "signin-" + user);
        fill("username", user).fill("password", password);
        return submit(By.cssSelector("form[action='/signin'] button[type=submit]"), "signed-in-" + user);
    }

    String title() {
        return driver.getTitle();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * Every Content Security Policy violation Chromium reported on its console so far, over all pages
     * this window showed ("Refused to execute inline script…", "Refused to apply inline style…").
     */
    List<String> cspViolations() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy")) {
                cspViolations.add(entry.getMessage());
            }
        }
        return List.copyOf(cspViolations);
    }

    /** Forgets the violations read so far, for a test that causes them on purpose. */
    void forgetCspViolations() {
        cspViolations();
        cspViolations.clear();
    }

    ChromeDriver driver() {
        return driver;
    }

    void close() {
        try {
            driver.quit();
        } finally {
            BrowserFixture.deleteTree(profile);
        }
    }
}
