package io.tfmesh.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Debian's headless Chromium driven through its chromedriver; nothing is downloaded at run
 * time. On a machine without the packages the tests that need it are skipped, with a message,
 * except under CI (the environment variable {@code CI} set), where a missing browser fails them:
 * a CI run must never pass without its browser tests.
 */
public final class BrowserSession implements AutoCloseable {

	public static final Path CHROMIUM = Path.of(System.getProperty("tfmesh.chromium", "/usr/bin/chromium"));

	public static final Path CHROMEDRIVER = Path.of(System.getProperty("tfmesh.chromedriver", "/usr/bin/chromedriver"));

	private static final int WIDTH = 1400;

	private static final int HEIGHT = 1000;

	private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

	/**
	 * Starting Chromium takes seconds, so a closed session's browser waits, emptied, for the next
	 * one in the same JVM; every browser still open quits when the JVM ends.
	 */
	private static final Deque<ChromeDriver> IDLE = new ConcurrentLinkedDeque<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (ChromeDriver idle = IDLE.poll(); idle != null; idle = IDLE.poll()) {
				idle.quit();
			}
		}, "browser-sessions"));
	}

	private final WebDriver driver;

	private final String baseUrl;

	private BrowserSession(WebDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	public static BrowserSession open(String baseUrl) {
		requireBrowser(System.getenv("CI"), Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER));
		ChromeDriver driver = IDLE.poll();
		return new BrowserSession((driver != null) ? driver : launch(), baseUrl);
	}

	private static ChromeDriver launch() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + tempProfile());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		return driver;
	}

	/**
	 * Leaves the browser as a fresh one starts: one blank tab, no cookies, nothing stored for the
	 * session's site, no emulated device or colour scheme, the first window size and no console
	 * messages.
	 */
	private static void reset(ChromeDriver driver, String baseUrl) {
		// a new tab starts with no session storage; the old ones go
		Set<String> old = driver.getWindowHandles();
		driver.switchTo().newWindow(WindowType.TAB);
		String fresh = driver.getWindowHandle();
		for (String handle : old) {
			driver.switchTo().window(handle).close();
		}
		driver.switchTo().window(fresh);
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		driver.executeCdpCommand("Storage.clearDataForOrigin",
				Map.of("origin", URI.create(baseUrl).resolve("/").toString().replaceAll("/$", ""), "storageTypes", "all"));
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
		driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
		driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		driver.manage().logs().get(LogType.BROWSER);
	}

	public static void requireBrowser(@Nullable String ci, boolean installed) {
		String missing = "Chromium and chromedriver from Debian's packages (apt-get install chromium chromium-driver) at "
				+ CHROMIUM + " and " + CHROMEDRIVER;
		if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci)) {
			assertThat(installed).as(missing + ", required when CI is set").isTrue();
		}
		assumeThat(installed).as(missing).isTrue();
	}

	/** The browser console's messages since the last call, such as Content-Security-Policy violations. */
	public List<String> consoleMessages() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(entry -> entry.getLevel() + " " + entry.getMessage())
			.toList();
	}

	/** Runs a script in the page and returns its result. */
	public @Nullable Object script(String script) {
		return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
	}

	public void go(String path) {
		driver.get(baseUrl + path);
	}

	public void login(String username, String password) {
		go("/login");
		type("username", username);
		type("password", password);
		click("login-submit");
	}

	/** Waits until the browser has arrived at that path (with or without a query). */
	public void waitForPath(String path) {
		patiently().until(d -> {
			String current = d.getCurrentUrl().substring(baseUrl.length());
			return current.equals(path) || current.startsWith(path + "?");
		});
	}

	public void type(String id, String text) {
		WebElement field = driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	public void select(String id, String visibleText) {
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	public void click(String id) {
		driver.findElement(By.id(id)).click();
	}

	/** Clicks the checkbox or radio button whose label reads this text. */
	public void clickLabelOf(String text) {
		driver.findElement(By.xpath("//label[contains(., '" + text + "')]")).click();
	}

	public void clickLink(String text) {
		driver.findElement(By.linkText(text)).click();
	}

	/** The page's text, read again when a navigation replaced the page while it was being read. */
	public String text() {
		return patiently().until(d -> unlessReplaced(() -> d.findElement(By.tagName("body")).getText()));
	}

	/** Whether the loaded page has the element, without waiting for it to appear. */
	public boolean has(By locator) {
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		try {
			return !driver.findElements(locator).isEmpty();
		}
		finally {
			driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		}
	}

	public String textOf(By locator) {
		return patiently().until(d -> unlessReplaced(() -> d.findElement(locator).getText()));
	}

	public void waitForText(String text) {
		patiently().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

	/** Waits until the script's expression is true in the page. */
	public void waitFor(String condition) {
		patiently().until(d -> Boolean.TRUE.equals(script("return Boolean(" + condition + ")")));
	}

	/**
	 * Reads the element, or null when a live panel replaced it while it was being read: Chromium
	 * then says the node does not belong to the document, which Selenium does not report as a
	 * stale element.
	 */
	private static @Nullable String unlessReplaced(Supplier<String> read) {
		try {
			return read.get();
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return null;
			}
			throw ex;
		}
	}

	private WebDriverWait patiently() {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Gives the browser back emptied for the next session, or quits it when it cannot be emptied. */
	@Override
	public void close() {
		ChromeDriver chrome = (ChromeDriver) driver;
		try {
			reset(chrome, baseUrl);
			IDLE.push(chrome);
		}
		catch (RuntimeException ex) {
			chrome.quit();
		}
	}

	private static String tempProfile() {
		try {
			return Files.createTempDirectory("tfmesh-chromium-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Saves what a 1400x900 view shows of the loaded page as {@code <name>.png} in
	 * {@link #screenshotDir()}, so that a person can look at the pages a test went through.
	 */
	public Path screenshot(String name) {
		// the window's frame takes part of its size, so the window grows by what the page misses
		driver.manage().window().setSize(new Dimension(1400, 900));
		Object inner = script("return [window.innerWidth, window.innerHeight]");
		if (inner instanceof List<?> sides && sides.size() == 2) {
			int width = ((Number) sides.get(0)).intValue();
			int height = ((Number) sides.get(1)).intValue();
			driver.manage().window().setSize(new Dimension(1400 + 1400 - width, 900 + 900 - height));
		}
		try {
			Path dir = Files.createDirectories(screenshotDir().toPath());
			byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
			return Files.write(dir.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Lays pages out as a device of that size does, the viewport meta tag included (a desktop
	 * window ignores it), whatever size the window has.
	 */
	public void viewport(int width, int height, boolean mobile) {
		((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	/** Lays pages out as under a system set to that colour scheme ({@code light} or {@code dark}). */
	public void colorScheme(String scheme) {
		((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
	}

	/** Drops the session cookie, as a session that expired on the server leaves the browser. */
	public void forgetSession() {
		driver.manage().deleteCookieNamed("JSESSIONID");
	}

	/** Saves what the viewport shows as a PNG file. */
	public Path screenshotTo(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether the element is shown (laid out with a size and not hidden). */
	public boolean displayed(By locator) {
		return has(locator) && driver.findElement(locator).isDisplayed();
	}

	public static File screenshotDir() {
		return new File("target/screenshots");
	}

}
