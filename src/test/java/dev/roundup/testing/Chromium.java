package dev.roundup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by chromedriver, for tests that need a real browser: the editor's flows,
 * and screenshots of pages at phone and desktop widths (saved under target/screenshots/).
 */
public final class Chromium implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser; skips the test on a machine without Chromium, except in CI, where .ci/run installs it. */
    public static Chromium start() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort("Chromium is not installed here (apt-get install chromium chromium-driver); .ci/run installs it");
        }
        ChromeOptions options = new ChromeOptions().setBinary(BINARY.toString()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1");
        // the console log, so a test can see what the page's Content-Security-Policy refused
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Chromium size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Signs in on the login page of the app at {@code base} as the test editor, and waits for the dashboard. */
    public Chromium signInAsEditor(String base) {
        open(base + "/login");
        driver.findElement(org.openqa.selenium.By.name("email")).sendKeys(Browser.EDITOR_EMAIL);
        driver.findElement(org.openqa.selenium.By.name("password")).sendKeys(Browser.EDITOR_PASSWORD);
        driver.findElement(org.openqa.selenium.By.cssSelector("button[type=submit].primary")).click();
        await(org.openqa.selenium.support.ui.ExpectedConditions.urlMatches("/editor$"));
        return this;
    }

    /** The console messages since the last call that report something the Content-Security-Policy refused. */
    public java.util.List<String> policyViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
    }

    public Chromium open(String url) {
        driver.get(url);
        return this;
    }

    /**
     * Waits up to 10 s for a condition, such as the page that follows a form post. An element the condition found
     * that the page replaced meanwhile (a reload, a re-render) is looked for again on the next poll, not an error.
     */
    public <T> T await(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Whether the page is wider than the window, i.e. the reader must scroll sideways. */
    public boolean overflowsHorizontally() {
        Object result = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth + 1;");
        return Boolean.TRUE.equals(result);
    }

    /** Saves a full-page screenshot as target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, ((Number) height).intValue() + 140)));
        try {
            Path out = Path.of("target/screenshots", name + ".png");
            Files.createDirectories(out.getParent());
            Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
