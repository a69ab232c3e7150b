package io.spyglass.server.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real Chromium (Debian's {@code chromium} + {@code chromium-driver}) for page tests. Register with
 * {@code @RegisterExtension}; every {@link Browser} it opens is closed after the test, and every page a
 * browser visits through {@link Browser#open} or {@link Browser#shot} is saved as
 * {@code target/screenshots/<test>-<n>-<page>.png}. A test fails when any page it opened broke the
 * server's Content Security Policy (the site's own scripts and styles must keep working under it). Skips the test when Chromium is not installed.
 * Nothing is downloaded: the driver and browser paths are given, so Selenium Manager never runs.
 */
final class BrowserFixture implements BeforeEachCallback, AfterEachCallback {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<Browser> open = new ArrayList<>();
    private String testName = "test";
    private int shots;

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        shots = 0;
    }

    /** Closes the browsers; fails the test when a page broke the Content Security Policy (see {@link Browser#cspViolations}). */
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = new ArrayList<>();
        try {
            open.forEach(b -> violations.addAll(b.cspViolations()));
        } finally {
            open.forEach(Browser::close);
            open.clear();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("The browser reported Content Security Policy violations:\n" + String.join("\n", violations));
        }
    }

    /** A fresh browser with its own profile (so its own cookies), e.g. one per person in a story. */
    Browser start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver; scripts/test does it)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        Path profile = tempProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        // the console is kept so that Content Security Policy violations can be read back
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        Browser browser = new Browser(this, driver, profile);
        open.add(browser);
        return browser;
    }

    /** Saves the current page of {@code driver}; full height up to 4000 px so whole pages can be looked at. */
    Path screenshot(ChromeDriver driver, String page) {
        String name = String.format(Locale.ROOT, "%s-%02d-%s.png", testName, ++shots,
                page.replaceAll("[^A-Za-z0-9._-]+", "_"));
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight");
            int full = Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140));
            driver.manage().window().setSize(new Dimension(before.getWidth(), full));
            Path file = SCREENSHOTS.resolve(name);
            Files.createDirectories(SCREENSHOTS);
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private static Path tempProfile() {
        try {
            return Files.createTempDirectory("spyglass-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in /tmp is harmless; the test result does not depend on it
        }
    }
}
