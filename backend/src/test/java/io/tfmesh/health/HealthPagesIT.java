package io.tfmesh.health;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's fleet overview and a cluster's health page, as served over HTTP from readings
 * stored through {@link HealthService}, on a clock the test moves (readings go stale after
 * three 30 s intervals).
 */
class HealthPagesIT extends HealthApplicationSupport {

	// the seed's failure, as the control node's introspect reports it (tungsten-fabric.md §2.2, §7.6)
	private static final String NO_BGP = "No BGP configuration for self";

	@Autowired
	HealthService health;

	private DashboardSession dashboard;

	private long clusterId;

	private String clusterName;

	@BeforeEach
	void register() {
		clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		Api api = new Api("http://localhost:" + port, json);
		clusterName = "pages-" + UUID.randomUUID().toString().substring(0, 8);
		long cloudId = Fixtures.createCloud(api.asAdmin(), clusterName + "-cloud");
		clusterId = Fixtures.createCluster(api.asAdmin(), clusterName, cloudId);
		dashboard = DashboardSession.logIn("http://localhost:" + port, "admin", IntegrationTestSupport.ADMIN_PASSWORD);
	}

	@Test
	void theHomePageShowsAnUnhealthyClustersTileAndWhatNeedsAttention() {
		Instant read = clock.instant();
		record(List.of(controlInitializing(read), reading("master", "control", "nodemgr", "active", null, read),
				reading("worker", "vrouter", "agent", "active", null, read)));
		clock.advance(Duration.ofSeconds(20));

		HttpResponse<String> home = dashboard.get("/");

		assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
		String tile = element(home.body(), "a", "tile-" + clusterId);
		assertThat(tile).contains(clusterName, "state-initializing", ">initializing<", "1 initializing", "0 inactive",
				"2 active", "0 unknown", "oldest reading 20 s old")
			.contains("/clusters/" + clusterId + "/health");
		String attention = element(home.body(), "div", "needs-attention");
		assertThat(attention).contains("control: initializing (" + NO_BGP + ")", clusterName, "master",
				"from introspect 10.0.0.1:8083, read 20 s ago")
			.contains("href=\"/clusters/" + clusterId + "/health#svc-master-control-control\"")
			.doesNotContain("nodemgr", "agent");
		assertThat(element(home.body(), "div", "fleet-verdict")).contains("unhealthy");
	}

	@Test
	void theHealthPageListsEachNodesLinesLikeContrailStatusWithSourceAndAge() {
		Instant read = clock.instant();
		record(List.of(controlInitializing(read), reading("master", "control", "nodemgr", "active", null, read),
				reading("worker", "vrouter", "agent", "active", null, read)));
		clock.advance(Duration.ofSeconds(20));

		HttpResponse<String> page = dashboard.get("/clusters/" + clusterId + "/health");

		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		String master = element(page.body(), "div", "node-master");
		assertThat(text(master)).containsSubsequence("Node master", "== Contrail control ==",
				"control: initializing (" + NO_BGP + ")", "from introspect 10.0.0.1:8083", "read 20 s ago",
				"nodemgr: active", "from introspect 10.0.0.1:8083");
		assertThat(element(master, "div", "svc-master-control-control")).contains("status-line critical");
		assertThat(element(master, "div", "svc-master-control-nodemgr")).contains("status-line ok");
		String worker = element(page.body(), "div", "node-worker");
		assertThat(text(worker)).containsSubsequence("Node worker", "== Contrail vrouter ==", "agent: active",
				"from introspect 10.0.0.2:8085", "read 20 s ago");
		assertThat(element(page.body(), "div", "health-timeline")).contains("seg-initializing", "seg-active");
	}

	@Test
	void aReadingThatStoppedArrivingShowsUnknownNeverItsLastState() {
		Instant first = clock.instant();
		record(List.of(reading("master", "control", "control", "active", null, first),
				reading("worker", "vrouter", "agent", "active", null, first)));
		clock.advance(Duration.ofSeconds(60));
		// only the master answers from now on
		record(List.of(reading("master", "control", "control", "active", null, clock.instant())));
		clock.advance(Duration.ofSeconds(40));

		String page = dashboard.get("/clusters/" + clusterId + "/health").body();

		String agent = element(page, "div", "svc-worker-vrouter-agent");
		assertThat(agent).contains("status-line unknown").doesNotContain("status-line ok");
		assertThat(text(agent)).contains("agent: unknown (not read for 100 s)", "from introspect 10.0.0.2:8085",
				"read 1 min ago");
		assertThat(element(page, "div", "svc-master-control-control")).contains("status-line ok");
		assertThat(element(page, "div", "health-timeline")).contains("seg-unknown");
		String home = dashboard.get("/").body();
		assertThat(element(home, "a", "tile-" + clusterId)).contains("state-unknown", "1 unknown", "1 active",
				"oldest reading 1 min old");
		assertThat(element(home, "div", "needs-attention")).contains("agent: unknown (not read for 100 s)")
			.contains("#svc-worker-vrouter-agent");
	}

	@Test
	void aClusterNeverReadIsUnknownAndTheHealthPageOfNoClusterIsNotFound() {
		String home = dashboard.get("/").body();
		assertThat(element(home, "a", "tile-" + clusterId)).contains("state-unknown", "not read")
			.doesNotContain("badge ok");
		assertThat(dashboard.get("/clusters/" + clusterId + "/health").body()).contains("No TF service of this cluster was read yet");
		assertThat(dashboard.get("/clusters/987654321/health").statusCode()).isEqualTo(404);
	}

	private void record(List<Reading> readings) {
		health.record(clusterId, clusterName, readings, null);
	}

	private static Reading controlInitializing(Instant at) {
		return reading("master", "control", "control", "initializing", NO_BGP, at);
	}

	private static Reading reading(String node, String pod, String service, String state, String description,
			Instant at) {
		String source = "introspect " + (node.equals("master") ? "10.0.0.1:" : "10.0.0.2:")
				+ (pod.equals("vrouter") ? "8085" : "8083");
		return new Reading(node, pod, service, state, description, source, at);
	}

	/** The element with that id, up to its closing tag (elements of the same name may not nest in it). */
	private static String element(String html, String tag, String id) {
		Matcher start = Pattern.compile("<" + tag + "\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"").matcher(html);
		assertThat(start.find()).as("an element %s#%s in%n%s", tag, id, html).isTrue();
		int depth = 0;
		Matcher tags = Pattern.compile("<(/?)" + tag + "\\b").matcher(html);
		tags.region(start.start(), html.length());
		while (tags.find()) {
			depth += tags.group(1).isEmpty() ? 1 : -1;
			if (depth == 0) {
				return html.substring(start.start(), html.indexOf('>', tags.end()) + 1);
			}
		}
		throw new AssertionError("no end of " + id);
	}

	private static String text(String html) {
		return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
	}

}
