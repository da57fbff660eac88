package io.tfmesh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.support.BrowserSession;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox page on a phone (390×844) and on a laptop (1400×900), as the dashboard's pages are
 * checked in the backend's EveryPageBrowserIT: nothing is wider than the screen, every control has
 * a label and every link of the navigation, the sandbox's included, can be reached.
 * <p>
 * With the system property {@code tfmesh.screenshots} naming a folder, the page's first screen is
 * saved there at both sizes (README.md, "Screenshots").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SandboxPageBrowserIT {

	private static final String NODE_PREFIX = LoopbackNetworks.reserve();

	private static final String PASSWORD = "sandbox-admin-password";

	private static final List<String> NAVIGATION = List.of("Dashboard", "Clouds", "Clusters", "Meshes", "Intents", "Plans",
			"Audit", "Users", "Webhooks", "Sandbox", "API");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void sandboxProperties(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-data-");
		registry.add("tfmesh.data-dir", dataDir::toString);
		registry.add("tfmesh.admin.password", () -> PASSWORD);
		registry.add("tfmesh.sandbox.base-port", () -> 0);
		registry.add("tfmesh.sandbox.node-address-prefix", () -> NODE_PREFIX);
	}

	@ParameterizedTest
	@CsvSource({ "390, 844, true", "1400, 900, false" })
	void theSandboxPageFitsTheScreenAndReachesEveryLink(int width, int height, boolean narrow) {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.viewport(width, height, narrow);
			browser.login("admin", PASSWORD);
			browser.waitForPath("/");
			browser.go("/sandbox");
			browser.waitFor("document.readyState === 'complete' && !document.body.classList.contains('htmx-busy')");
			assertThat(browser.has(By.id("sandbox-status-aws-east"))).isTrue();
			assertThat(browser.script("return document.querySelector('meta[name=viewport]') !== null")).isEqualTo(true);
			assertThat(browser.script("return window.innerWidth")).isEqualTo((long) width);
			Object documentWidth = browser
				.script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
			assertThat(((Number) documentWidth).intValue()).as("the sandbox page's width at %s px", width)
				.isLessThanOrEqualTo(width);
			assertThat(browser.script("""
					return Array.from(document.querySelectorAll('input, select, textarea'))
					  .filter(function (control) { return control.type !== 'hidden' && control.type !== 'submit'; })
					  .filter(function (control) {
					    return control.labels.length === 0 && !control.getAttribute('aria-label')
					        && !control.getAttribute('aria-labelledby');
					  })
					  .map(function (control) { return control.name || control.id; })""")).as("controls without a label")
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.isEmpty();
			screenshot(browser, "sandbox-" + width);

			assertThat(browser.displayed(By.id("menu-toggle"))).as("the menu button at %s px", width).isEqualTo(narrow);
			if (narrow) {
				assertThat(browser.displayed(By.id("site-menu"))).as("the menu before it is opened").isFalse();
				browser.click("menu-toggle");
			}
			@SuppressWarnings("unchecked")
			List<List<Object>> links = (List<List<Object>>) browser.script("""
					return Array.from(document.querySelectorAll('#site-menu nav a')).map(function (a) {
					  var box = a.getBoundingClientRect();
					  return [a.textContent.trim(), box.width > 0 && box.height > 0 && box.left >= 0
					      && box.right <= window.innerWidth && getComputedStyle(a).visibility === 'visible'];
					})""");
			assertThat(links).extracting(link -> link.get(0)).containsExactlyElementsOf(NAVIGATION);
			assertThat(links).allSatisfy(link -> assertThat(link.get(1))
				.as("the link %s is on the screen at %s px", link.get(0), width)
				.isEqualTo(true));
		}
	}

	private static void screenshot(BrowserSession browser, String name) {
		String folder = System.getProperty("tfmesh.screenshots");
		if (folder != null && !folder.isBlank()) {
			browser.screenshotTo(Path.of(folder, name + ".png"));
		}
	}

}
