package io.tfmesh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.support.Api;
import io.tfmesh.support.BrowserSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's gcp-west through the pages: its control node is stuck with "No BGP configuration
 * for self" although its bgp-router exists (a stale subscription, TFC
 * {@code src/control-node/control_node.cc}, reference §7.6), and its agents lost their XMPP
 * sessions. The home page shows it unhealthy with both strings, the health page's diagnosis
 * names the cause and proposes the control pod's restart, one admin makes the plan, a second
 * approves it, it is applied, and within two polls the control node and the agents read active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class FixPlanBrowserIT {

	private static final String NODE_PREFIX = LoopbackNetworks.reserve();

	private static final String PASSWORD = "sandbox-admin-password";

	private static final String SECOND_ADMIN = "second-admin";

	private static final String MASTER = "gcp-west-master";

	private static final String WORKER = "gcp-west-worker-1";

	private static final String FINDING = "finding-no-bgp-configuration-for-self-gcp-west-master";

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void sandboxProperties(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-fix-data-");
		registry.add("tfmesh.data-dir", dataDir::toString);
		registry.add("tfmesh.admin.password", () -> PASSWORD);
		registry.add("tfmesh.sandbox.base-port", () -> 0);
		registry.add("tfmesh.sandbox.node-address-prefix", () -> NODE_PREFIX);
		// polls run when the test asks, so that "within two polls" counts polls, not minutes
		registry.add("tfmesh.health.scheduled", () -> "false");
	}

	@Test
	void aDiagnosisFixIsPlannedApprovedAndAppliedUntilTheControlNodeAndAgentsAreActive() {
		await().atMost(Duration.ofMinutes(1))
			.until(() -> admin().get("/api/v1/clusters?q=gcp-west").json().get("items").size() == 1);
		long gcpWest = id("gcp-west");
		observe(gcpWest);
		poll(gcpWest);
		Api.Response created = admin().post("/api/v1/users",
				Map.of("username", SECOND_ADMIN, "password", PASSWORD, "role", "admin"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login("admin", PASSWORD);
			browser.waitForPath("/");
			assertThat(browser.textOf(By.id("tile-" + gcpWest))).contains("gcp-west");
			assertThat(browser.textOf(By.cssSelector("#tile-" + gcpWest + " .badge"))).isEqualTo("initializing");
			String attention = browser.textOf(By.id("needs-attention"));
			assertThat(attention).contains("control: initializing (No BGP configuration for self)")
				.contains("agent: initializing (XMPP:control-node:" + NODE_PREFIX + ".11.1 connection down, "
						+ "No Configuration for self)");
			String causes = browser.textOf(By.id("attention-causes"));
			assertThat(causes).contains("gcp-west · " + MASTER + ": The bgp-router " + MASTER
					+ " exists, yet the control node has no BGP configuration for itself");
			browser.screenshot("fix-plan-home");

			browser.script("document.querySelector(\"#attention-causes a[href$='#" + FINDING + "']\").click()");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ("/clusters/" + gcpWest + "/health").equals(browser.script("return location.pathname")));
			assertThat(browser.script("return location.hash")).isEqualTo("#" + FINDING);
			String finding = browser.textOf(By.id(FINDING));
			assertThat(finding).contains("its configuration subscription is stale")
				.contains("control: initializing (No BGP configuration for self)")
				.contains("Proposed fix: Restart the control pod on " + MASTER);
			browser.screenshot("fix-plan-diagnosis");
			fitsOnAPhone(browser, "/clusters/" + gcpWest + "/health", "fix-plan-diagnosis-phone");
			fitsOnAPhone(browser, "/", "fix-plan-home-phone");
			browser.go("/clusters/" + gcpWest + "/health");
			browser.click("plan-" + FINDING);
			browser.waitForText("awaits approval by an admin other than you");
			String planPath = (String) browser.script("return location.pathname");
			assertThat(planPath).startsWith("/plans/");
			assertThat(browser.textOf(By.id("plan-state"))).isEqualTo("pending-approval");
			assertThat(browser.textOf(By.id("plan-origin"))).contains("no-bgp-configuration-for-self on " + MASTER);
			assertThat(browser.has(By.id("approve-form"))).as("the author is offered no approval").isFalse();
			browser.screenshot("fix-plan-review");

			browser.click("logout");
			browser.login(SECOND_ADMIN, PASSWORD);
			browser.waitForPath("/");
			browser.go(planPath);
			browser.click("approve-plan");
			browser.waitForText("is approved.");
			browser.click("apply-plan");
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				browser.go(planPath);
				assertThat(browser.textOf(By.id("plan-state"))).isEqualTo("applied");
			});

			poll(gcpWest);
			browser.go("/clusters/" + gcpWest + "/health");
			if (!healed(browser)) {
				poll(gcpWest);
				browser.go("/clusters/" + gcpWest + "/health");
			}
			assertThat(line(browser, MASTER, "control", "control")).isEqualTo("control: active");
			assertThat(line(browser, MASTER, "vrouter", "agent")).isEqualTo("agent: active");
			assertThat(line(browser, WORKER, "vrouter", "agent")).isEqualTo("agent: active");
			assertThat(browser.has(By.id(FINDING))).as("the finding closed").isFalse();
			browser.screenshot("fix-plan-healed");
		}
	}

	/** The page at 390×844 is no wider than the screen; the browser is back at 1400×900 after. */
	private static void fitsOnAPhone(BrowserSession browser, String path, String shot) {
		browser.viewport(390, 844, true);
		try {
			browser.go(path);
			browser.waitFor("document.readyState === 'complete'");
			Object width = browser
				.script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
			assertThat(((Number) width).intValue()).as("the width of " + path + " at 390 px").isLessThanOrEqualTo(390);
			browser.screenshot(shot);
		}
		finally {
			browser.viewport(1400, 900, false);
		}
	}

	private static boolean healed(BrowserSession browser) {
		return line(browser, MASTER, "control", "control").equals("control: active")
				&& line(browser, WORKER, "vrouter", "agent").equals("agent: active");
	}

	/** A service's line on the health page, without its source and age. */
	private static String line(BrowserSession browser, String node, String pod, String service) {
		return browser.textOf(By.cssSelector("#svc-" + node + "-" + pod + "-" + service + " .line"));
	}

	private Api admin() {
		return new Api("http://localhost:" + port, json).basic("admin", PASSWORD);
	}

	private long id(String cluster) {
		return admin().get("/api/v1/clusters?q=" + cluster).json().get("items").get(0).get("id").asLong();
	}

	private void observe(long clusterId) {
		Api.Response observed = admin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
	}

	private void poll(long clusterId) {
		Api.Response polled = admin().post("/api/v1/clusters/" + clusterId + "/health/poll", "");
		assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
	}

}
