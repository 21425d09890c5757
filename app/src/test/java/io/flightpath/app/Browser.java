package io.flightpath.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven through chromedriver (Debian's chromium and chromium-driver),
 * with a fresh profile. {@link #find} is empty on machines without both, so that a test can skip
 * with a message saying what to install. With {@code -Dconsole.screenshots=DIR} it saves pages as PNGs.
 */
final class Browser implements AutoCloseable {
    static final String MISSING = "no chromium and chromedriver (-Dchromium, -Dchromedriver, or both on PATH): "
            + "install them (apt-get install -y --no-install-recommends chromium chromium-driver) to run this test";
    final ChromeDriver driver;
    private final Path profile;

    private Browser(Path chromium, Path chromedriver, Path profile) {
        this.profile = profile;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    static Optional<Browser> find() {
        Optional<Path> chromium = binary("chromium", List.of("chromium", "chromium-browser", "google-chrome"));
        Optional<Path> driver = binary("chromedriver", List.of("chromedriver"));
        if (chromium.isEmpty() || driver.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Browser(chromium.get(), driver.get(), Files.createTempDirectory("flightpath-chromium")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> binary(String property, List<String> names) {
        String chosen = System.getProperty(property);
        if (chosen != null) {
            return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).flatMap(d -> names.stream().map(b -> Path.of(d, b))).filter(Files::isExecutable).findFirst();
    }

    /** Saves the page as NAME.png in the folder {@code -Dconsole.screenshots} names; nothing without it. */
    void screenshot(String name) {
        String dir = System.getProperty("console.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path out = Path.of(dir).toAbsolutePath();
            Files.createDirectories(out);
            Files.write(out.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
