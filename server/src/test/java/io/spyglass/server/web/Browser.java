package io.spyglass.server.web;

import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** One Chromium window driven by a test; see {@link BrowserFixture}. */
final class Browser {
    private final BrowserFixture fixture;
    private final ChromeDriver driver;
    private final Path profile;

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
