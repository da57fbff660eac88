package io.tfmesh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.support.BrowserSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed story through the pages alone, as two admins in a browser: the clusters observed, a
 * mesh of aws-east and gcp-west planned, the intent frontend@aws-east → orders.backend@gcp-west
 * TCP 8080 written, its change plan reviewed by its author, approved by a second admin and
 * followed live while it applies, until the clusters' pages show the new pod subnets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SeedStoryBrowserIT {

	private static final String NODE_PREFIX = LoopbackNetworks.reserve();

	private static final String PASSWORD = "sandbox-admin-password";

	private static final String SECOND_ADMIN = "second-admin";

	private static final Pattern DONE = Pattern.compile("(\\d+) of (\\d+) steps done");

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

	@Test
	void theSandboxPageKeepsItsProcessesCurrent() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login("admin", PASSWORD);
			browser.waitForPath("/");
			browser.go("/sandbox");
			String refreshed = browser.textOf(By.id("sandbox-refreshed-aws-east"));
			browser.script("document.getElementById('sandbox-status-aws-east').dataset.before = 'yes'");

			// every 10 s by default: the block is replaced without the page being loaded again
			await().atMost(Duration.ofSeconds(40)).until(() -> Boolean.TRUE.equals(browser.script(
					"var s = document.getElementById('sandbox-status-aws-east');"
							+ " return s != null && s.dataset.before === undefined")));
			assertThat(browser.textOf(By.id("sandbox-refreshed-aws-east"))).isNotEqualTo(refreshed);
			assertThat(browser.textOf(By.id("sandbox-status-aws-east"))).contains("control/control", "8083");
			assertThat(browser.has(By.id("fault-submit-aws-east"))).isTrue();
		}
	}

	@Test
	void theSeedStoryThroughThePages() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login("admin", PASSWORD);
			browser.waitForPath("/");
			observe(browser, "aws-east");
			observe(browser, "gcp-west");

			browser.go("/meshes");
			browser.click("new-mesh");
			browser.type("name", "seed");
			browser.clickLabelOf("aws-east (aws)");
			browser.clickLabelOf("gcp-west (gcp)");
			browser.click("save");
			browser.waitForText("Mesh seed was created.");
			browser.click("plan-addresses");
			browser.waitForText("allocated or kept");
			String members = browser.textOf(By.id("members"));
			String awsPod = block(members, "aws-east", "pod");
			String gcpPod = block(members, "gcp-west", "pod");
			assertThat(awsPod).isNotEqualTo(gcpPod).isNotEqualTo("10.32.0.0/12");
			String meshPath = path(browser);

			browser.go("/intents");
			browser.click("new-intent");
			browser.select("sourceClusterId", "aws-east (aws)");
			browser.type("sourceNamespace", "frontend");
			browser.select("destinationClusterId", "gcp-west (gcp)");
			browser.type("destinationNamespace", "backend");
			browser.type("destinationService", "orders");
			browser.select("protocol", "tcp");
			browser.type("ports", "8080");
			browser.click("save");
			browser.waitForText("orders");
			assertThat(browser.text()).contains("frontend", "aws-east", "gcp-west", "backend", "8080");

			browser.go(meshPath);
			browser.click("plan-changes");
			browser.waitForText("Plan #");
			String planPath = path(browser);
			assertThat(browser.textOf(By.id("plan-state"))).isEqualTo("pending-approval");
			String summary = browser.textOf(By.id("summary"));
			assertThat(summary).contains("Clusters touched\naws-east", "gcp-west", "Author\nadmin,", "Approval\nnone yet");
			Matcher steps = Pattern.compile("(\\d+) steps, (\\d+) restarts?").matcher(summary);
			assertThat(steps.find()).as(summary).isTrue();
			assertThat(Integer.parseInt(steps.group(2))).isPositive();
			// per cluster, each step's old → new values and the one line of its risk
			String awsSteps = clusterSteps(browser, "aws-east");
			assertThat(awsSteps).contains("subnets: 10.32.0.0/12 → " + awsPod + " 10.32.0.0/12",
					"KUBERNETES_POD_SUBNETS: 10.32.0.0/12 → " + awsPod, "new pods take addresses from " + awsPod,
					"restarts contrail-kube-manager-", "restarts contrail-agent-", "create service\nfrontend/orders-gcp-west",
					"ports: (absent) → http 8080/TCP", "pods of frontend reach orders.backend of gcp-west as orders-gcp-west.frontend");
			assertThat(awsSteps).doesNotContain(gcpPod);
			String gcpSteps = clusterSteps(browser, "gcp-west");
			assertThat(gcpSteps).contains("KUBERNETES_POD_SUBNETS: 10.32.0.0/12 → " + gcpPod,
					"restarts contrail-kube-manager-", "create network-policy",
					"rules: (absent) → pass tcp from " + awsPod, "port 8080",
					"lets only aws-east's pod addresses " + awsPod);
			assertThat(gcpSteps).doesNotContain("orders-gcp-west");
			assertThat(browser.has(By.id("approve-form"))).as("the author is offered no approval").isFalse();
			assertThat(browser.textOf(By.id("second-admin-note")))
				.isEqualTo("You made this plan: an admin other than you must approve or reject it.");
			browser.screenshot("seed-story-plan-review");
			showSteps(browser);
			browser.screenshot("seed-story-plan-review-steps");

			browser.go("/users");
			browser.click("new-user");
			browser.type("username", SECOND_ADMIN);
			browser.type("password", PASSWORD);
			browser.select("role", "admin");
			browser.click("save");
			browser.waitForText(SECOND_ADMIN);
			browser.click("logout");
			browser.login(SECOND_ADMIN, PASSWORD);
			browser.waitForPath("/");

			browser.go(planPath);
			browser.click("approve-plan");
			browser.waitForText("is approved.");
			assertThat(browser.textOf(By.id("plan-state"))).isEqualTo("approved");
			assertThat(browser.textOf(By.id("approval"))).startsWith("approved by " + SECOND_ADMIN);

			// both TF config APIs answer slowly, so the apply lasts long enough to be watched
			slowDown(browser, "aws-east", 300);
			slowDown(browser, "gcp-west", 300);
			browser.go(planPath);
			browser.click("apply-plan");
			browser.waitForText("is being applied.");
			followWithoutReload(browser);
			await().atMost(Duration.ofMinutes(3))
				.untilAsserted(() -> assertThat(browser.textOf(By.id("plan-state"))).isEqualTo("applied"));
			Matcher done = DONE.matcher(browser.textOf(By.id("progress-text")));
			assertThat(done.find()).isTrue();
			assertThat(done.group(1)).isEqualTo(done.group(2));
			slowDown(browser, "aws-east", 0);
			slowDown(browser, "gcp-west", 0);

			// the observation after apply is stored on the plan; its page shows it once read
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				browser.go(planPath);
				assertThat(browser.has(By.id("drift"))).isTrue();
			});
			assertThat(browser.textOf(By.id("no-drift")))
				.isEqualTo("The observation after apply found no drift: the clusters have what this plan set.");
			assertThat(clusterSteps(browser, "aws-east")).contains("written ConfigMap kube-system/env: set KUBERNETES_POD_SUBNETS",
					"written Service frontend/orders-gcp-west and its EndpointSlices").doesNotContain("pending");
			browser.screenshot("seed-story-plan-applied");
			showSteps(browser);
			browser.screenshot("seed-story-plan-applied-steps");

			// kube-manager and the vrouter agent read the new pod subnet from env, and TF's IPAM has it
			// first, beside the old one that running pods still hold addresses in
			assertThat(observedPodSubnets(browser, "aws-east")).contains(awsPod + " (configmap/env)")
				.contains(awsPod + " 10.32.0.0/12 (k8s-pod-ipam)");
			browser.script("document.getElementById('observed-subnets').scrollIntoView()");
			browser.screenshot("seed-story-aws-east-observed");
			assertThat(observedPodSubnets(browser, "gcp-west")).contains(gcpPod + " (configmap/env)")
				.contains(gcpPod + " 10.32.0.0/12 (k8s-pod-ipam)");
		}
	}

	/**
	 * Waits for the progress to move while the page stays the one that was loaded: a mark left
	 * in the window survives htmx's swaps but not a reload.
	 */
	private static void followWithoutReload(BrowserSession browser) {
		browser.script("window.tfmeshLoaded = 'once'");
		int first = stepsDone(browser);
		await("the progress moving on the page as loaded").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				String[] seen = ((String) browser.script("return (window.tfmeshLoaded || 'reloaded') + '|'"
						+ " + document.getElementById('progress-text').innerText")).split("\\|", 2);
				assertThat(seen[0]).as("the page was reloaded before the progress moved: " + seen[1]).isEqualTo("once");
				Matcher done = DONE.matcher(seen[1]);
				return done.find() && Integer.parseInt(done.group(1)) > first;
			});
	}

	/** The steps of one cluster on the plan page, as its panel reads. */
	private static String clusterSteps(BrowserSession browser, String cluster) {
		Object panels = browser.script(
				"return Array.from(document.querySelectorAll('.cluster-steps')).map(panel => panel.innerText)");
		assertThat(panels).isInstanceOf(List.class);
		return ((List<?>) panels).stream()
			.map(String.class::cast)
			.filter(panel -> panel.startsWith(cluster + "\n"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no steps for " + cluster + " in " + panels));
	}

	/** Scrolls the plan page to its first cluster's steps. */
	private static void showSteps(BrowserSession browser) {
		browser.script("document.querySelector('.cluster-steps').scrollIntoView()");
	}

	private static int stepsDone(BrowserSession browser) {
		Matcher done = DONE.matcher(browser.textOf(By.id("progress-text")));
		assertThat(done.find()).isTrue();
		return Integer.parseInt(done.group(1));
	}

	private static void slowDown(BrowserSession browser, String cluster, int latencyMs) {
		browser.go("/sandbox");
		browser.select("fault-target-" + cluster, "TF config API");
		browser.type("fault-latency-" + cluster, Integer.toString(latencyMs));
		browser.click("fault-submit-" + cluster);
		browser.waitForText(latencyMs > 0 ? "Fault set on tungsten-fabric of " + cluster
				: "Faults of tungsten-fabric of " + cluster + " cleared.");
	}

	/** Observes a cluster with its page's button and waits until the new observation replaced the old one. */
	private static void observe(BrowserSession browser, String cluster) {
		openCluster(browser, cluster);
		browser.textOf(By.id("observe-now"));
		browser.script("document.getElementById('observed').dataset.before = 'yes'");
		browser.click("observe-now");
		await().atMost(Duration.ofMinutes(1))
			.until(() -> Boolean.TRUE.equals(browser.script("var o = document.getElementById('observed');"
					+ " return o != null && o.dataset.before === undefined && document.getElementById('observed-sources') != null")));
		assertThat(browser.has(By.id("observed-incomplete"))).as(cluster + " observed completely").isFalse();
	}

	/** The pod row of a cluster's observed CIDRs: what kubeadm, kube-manager, the vrouter agent and TF have. */
	private static String observedPodSubnets(BrowserSession browser, String cluster) {
		openCluster(browser, cluster);
		return browser.textOf(By.id("subnet-pod"));
	}

	private static void openCluster(BrowserSession browser, String cluster) {
		browser.go("/clusters");
		browser.clickLink(cluster);
		browser.waitForText("Observed state");
	}

	/** A member's block of one kind, as the mesh page's member table lists it. */
	private static String block(String members, String cluster, String kind) {
		String row = members.lines().filter(line -> line.startsWith(cluster + " ")).findFirst().orElseThrow();
		Matcher block = Pattern.compile(kind + " (\\S+)").matcher(row);
		assertThat(block.find()).as(row).isTrue();
		return block.group(1);
	}

	private static String path(BrowserSession browser) {
		return (String) browser.script("return location.pathname");
	}

}
