package io.tfmesh.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.TwoNodeCluster;
import io.tfmesh.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health collectors against an emulated cluster of two nodes (a controller and a vrouter
 * worker), over HTTP: what the health API and contrail-status serve, a silent introspect port,
 * a reading that stops arriving (on a clock the test moves), the history and the events.
 */
class HealthIT extends HealthApplicationSupport {

	private static final String NETWORK = LoopbackNetworks.reserve();

	private static final String MASTER = NETWORK + ".0.1";

	private static final String WORKER = NETWORK + ".0.2";

	private static TwoNodeCluster cluster;

	private static EmulatedKubernetes kubernetes;

	private static TfConfigApiEmulator tungstenFabric;

	private static IntrospectEmulator master;

	private static IntrospectEmulator worker;

	private Api api;

	private long clusterId;

	private String clusterName;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = TwoNodeCluster.start("health-cluster", MASTER, WORKER, TwoNodeCluster.CONTROLLER_PODS);
		kubernetes = cluster.kubernetes;
		tungstenFabric = cluster.tungstenFabric;
		master = cluster.master;
		worker = cluster.worker;
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@BeforeEach
	void register() {
		clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
		api = new Api("http://localhost:" + port, json);
		clusterName = "health-" + UUID.randomUUID().toString().substring(0, 8);
		long cloudId = Fixtures.createCloud(api.asAdmin(), clusterName + "-cloud");
		Map<String, Object> cluster = Fixtures.cluster(clusterName, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(MASTER));
		clusterId = Fixtures.createCluster(api.asAdmin(), cluster);
	}

	@AfterEach
	void clearFaults() {
		for (IntrospectEmulator node : List.of(master, worker)) {
			node.down(false);
			node.latency(Duration.ZERO);
			node.healthy(SandeshProcess.VROUTER_AGENT);
		}
		master.healthy(SandeshProcess.CONTROL);
		kubernetes.crashLoop("k8s-master", "config-zookeeper", false);
	}

	@Test
	void theHealthApiServesEveryServiceOfEveryNodeWithItsSourceAndAge() {
		Api viewer = Fixtures.userWithRole(api, "viewer");
		assertThat(viewer.post("/api/v1/clusters/" + clusterId + "/health/poll", "").status()).isEqualTo(403);
		poll();
		clock.advance(Duration.ofSeconds(20));

		Api.Response response = viewer.get("/api/v1/clusters/" + clusterId + "/health");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode health = response.json();
		assertThat(health.get("clusterName").asString()).isEqualTo(clusterName);
		assertThat(health.get("nodes").valueStream().map(node -> node.get("node").asString()).toList()).containsExactly("k8s-master", "k8s-worker");
		JsonNode agent = service(health, "k8s-worker", "vrouter", "agent");
		assertThat(agent.get("state").asString()).isEqualTo("active");
		assertThat(agent.get("source").asString()).isEqualTo("introspect " + WORKER + ":8085");
		assertThat(agent.get("ageSeconds").asLong()).isEqualTo(20);
		assertThat(Instant.parse(agent.get("readAt").asString())).isEqualTo(clock.instant().minusSeconds(20));
		assertThat(service(health, "k8s-master", "control", "named").get("source").asString())
			.startsWith("container contrail-controller-control-named of pod ")
			.endsWith(": running");
		assertThat(service(health, "k8s-worker", "vrouter", "nodemgr").get("state").asString()).isEqualTo("active");
		assertThat(health.get("worstState").asString()).isEqualTo("active");
		assertThat(health.get("healthy").asBoolean()).isTrue();
		long services = health.get("nodes").valueStream().mapToLong(node -> node.get("services").size()).sum();
		assertThat(health.get("counts").get("active").asLong()).isEqualTo(services);
		assertThat(health.get("counts").propertyNames()).containsExactly("inactive", "initializing", "timeout",
				"unknown", "backup", "active");
	}

	@Test
	void aCrashLoopingContainerIsInactiveWithItsReasonAndRestarts() {
		kubernetes.crashLoop("k8s-master", "config-zookeeper", true);

		JsonNode health = poll();

		JsonNode zookeeper = service(health, "k8s-master", "config-database", "zookeeper");
		assertThat(zookeeper.get("state").asString()).isEqualTo("inactive");
		assertThat(zookeeper.get("source").asString()).contains("config-zookeeper", "waiting", "(CrashLoopBackOff)",
				"restarts");
		assertThat(health.get("worstState").asString()).isEqualTo("inactive");
		assertThat(health.get("counts").get("inactive").asLong()).isEqualTo(1);
	}

	@Test
	void aMissingClusterIsANotFoundProblem() {
		assertProblem(api.asAdmin().get("/api/v1/clusters/999999/health"), 404, "not-found");
		assertProblem(api.asAdmin().header("Accept", "text/plain, application/problem+json")
			.get("/api/v1/clusters/999999/contrail-status"), 404, "not-found");
		assertProblem(api.asAdmin().post("/api/v1/clusters/999999/health/poll", ""), 404, "not-found");
		assertProblem(api.asAdmin().get("/api/v1/clusters/" + clusterId + "/health/history?hours=0"), 400, "");
	}

	@Test
	void aNodeWhoseIntrospectDoesNotAnswerReadsTimeoutWithSourceAndAgeNeverActive() {
		worker.latency(Duration.ofSeconds(3));

		JsonNode slow = poll();

		JsonNode agent = service(slow, "k8s-worker", "vrouter", "agent");
		assertThat(agent.get("state").asString()).isEqualTo("timeout");
		assertThat(agent.get("source").asString()).startsWith("introspect " + WORKER + ":8085")
			.contains("did not answer in time");
		assertThat(agent.get("ageSeconds").asLong()).isZero();
		assertThat(agent.get("readAt").asString()).isNotBlank();
		assertThat(service(slow, "k8s-worker", "vrouter", "nodemgr").get("state").asString()).isEqualTo("timeout");
		assertThat(slow.get("healthy").asBoolean()).isFalse();

		worker.latency(Duration.ZERO);
		worker.down(true);
		JsonNode refused = poll();

		JsonNode unreachable = service(refused, "k8s-worker", "vrouter", "agent");
		assertThat(unreachable.get("state").asString()).isEqualTo("unknown");
		assertThat(unreachable.get("description").asString()).isEqualTo("introspect unreachable");
		assertThat(unreachable.get("source").asString()).startsWith("introspect " + WORKER + ":8085");
		assertThat(refused.get("counts").get("unknown").asLong()).isEqualTo(2);
		assertThat(refused.get("worstState").asString()).isEqualTo("unknown");
		assertThat(contrailStatus()).contains("Node k8s-worker\n\n== Contrail vrouter ==\n"
				+ "nodemgr: unknown (introspect unreachable)\nagent: unknown (introspect unreachable)\n\n");
	}

	@Test
	void aReadingThatStopsArrivingTurnsUnknownAfterThreePollIntervals() {
		poll();

		clock.advance(Duration.ofSeconds(89));
		JsonNode recent = health();
		assertThat(service(recent, "k8s-master", "control", "control").get("state").asString()).isEqualTo("active");

		clock.advance(Duration.ofSeconds(1));
		JsonNode old = health();

		JsonNode control = service(old, "k8s-master", "control", "control");
		assertThat(control.get("state").asString()).isEqualTo("unknown");
		assertThat(control.get("description").asString()).isEqualTo("not read for 90 s");
		assertThat(control.get("stale").asBoolean()).isTrue();
		assertThat(control.get("ageSeconds").asLong()).isEqualTo(90);
		assertThat(control.get("source").asString()).isEqualTo("introspect " + MASTER + ":8083");
		assertThat(old.get("worstState").asString()).isEqualTo("unknown");
		assertThat(old.get("counts").get("active").asLong()).isZero();
		assertThat(old.get("healthy").asBoolean()).isFalse();
		assertThat(contrailStatus()).contains("== Contrail control ==\ncontrol: unknown (not read for 90 s)\n")
			.doesNotContain(": active");
	}

	@Test
	void aClusterWhoseTfPodsCannotBeReadKeepsItsReadingsUntilTheyTurnUnknown() {
		poll();
		kubernetes.down(true);
		try {
			clock.advance(Duration.ofSeconds(60));
			JsonNode during = poll();
			JsonNode agent = service(during, "k8s-worker", "vrouter", "agent");
			assertThat(agent.get("state").asString()).isEqualTo("active");
			assertThat(agent.get("ageSeconds").asLong()).isEqualTo(60);

			clock.advance(Duration.ofSeconds(30));
			JsonNode after = poll();
			assertThat(service(after, "k8s-worker", "vrouter", "agent").get("state").asString()).isEqualTo("unknown");
			assertThat(changesOf(clusterId)).singleElement().satisfies(event -> {
				assertThat(event.healthy()).isFalse();
				assertThat(event.verdict()).contains("unknown (not read for 90 s)");
			});
		}
		finally {
			kubernetes.down(false);
		}
	}

	/**
	 * The seed's contrail-status (reference §2.2, from {@code cloudops/k8s_tf_demo:presentation/presentation.md}):
	 * the control node without BGP configuration for itself, and the agents that lost it. Each
	 * block of the fixture is in the output line for line under its node, and the worker's
	 * output is the fixture's, whole.
	 */
	@Test
	void contrailStatusFollowsTheSeedOutputLineForLine() throws IOException {
		master.controlWithoutBgpConfig();
		master.vrouterAgentWithoutSelfConfig();
		worker.vrouterAgentWithoutSelfConfig();
		poll();

		String text = contrailStatus();

		String fixture = fixture("contrail-status-seed.txt").replace("10.177.192.154", MASTER);
		Map<String, Map<String, List<String>>> expected = blocks(fixture);
		Map<String, Map<String, List<String>>> actual = blocks(text);
		assertThat(actual.keySet()).containsExactly("k8s-master", "k8s-worker");
		expected.get("k8s-master").forEach((pod, lines) -> assertThat(actual.get("k8s-master").get(pod)).as(pod)
			.containsExactlyElementsOf(lines));
		assertThat(actual.get("k8s-worker")).isEqualTo(expected.get("k8s-worker"));
		String workerPart = text.substring(text.indexOf("Node k8s-worker"));
		assertThat(workerPart).isEqualTo(fixture.substring(fixture.indexOf("Node k8s-worker")));
	}

	@Test
	void healthChangesArePublishedOncePerTransition() {
		poll();
		assertThat(changesOf(clusterId)).as("a healthy first reading is no transition").isEmpty();

		master.controlWithoutBgpConfig();
		poll();
		poll();
		assertThat(changesOf(clusterId)).singleElement().satisfies(event -> {
			assertThat(event.healthy()).isFalse();
			assertThat(event.clusterName()).isEqualTo(clusterName);
			assertThat(event.verdict()).isEqualTo("control: initializing (No BGP configuration for self) on k8s-master");
		});

		master.healthy(SandeshProcess.CONTROL);
		poll();
		poll();
		assertThat(changesOf(clusterId)).hasSize(2);
		assertThat(changesOf(clusterId).get(1).healthy()).isTrue();
	}

	@Test
	void aWebhookGetsEachHealthTransitionAndDiagnosisOnceSignedAndADownReceiverGetsThemWhenItIsBack() {
		int downPort = WebhookReceiver.freePort();
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			List<String> types = List.of("cluster-health-changed", "diagnosis-found");
			long up = webhook(receiver.url("/up"), types, "up-secret-" + clusterName);
			long down = webhook("http://127.0.0.1:" + downPort + "/down", types, "down-secret-" + clusterName);
			try {
				poll();
				master.controlWithoutBgpConfig();
				poll();
				poll();
				master.healthy(SandeshProcess.CONTROL);
				poll();
				poll();

				List<String> expected = List.of("cluster-health-changed false",
						"diagnosis-found no-bgp-configuration-for-self", "cluster-health-changed true");
				await().atMost(Duration.ofSeconds(30)).until(() -> received(receiver, "/up", "up-secret-").size() >= 3);
				assertThat(received(receiver, "/up", "up-secret-")).containsExactlyInAnyOrderElementsOf(expected);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> failedAttempts(down) >= 3);
				try (WebhookReceiver back = WebhookReceiver.on(downPort)) {
					// retries wait on tfmesh's clock, which stands still in these tests
					clock.advance(Duration.ofSeconds(1));
					await().atMost(Duration.ofSeconds(30))
						.until(() -> received(back, "/down", "down-secret-").size() >= 3);
					assertThat(received(back, "/down", "down-secret-")).containsExactlyInAnyOrderElementsOf(expected);
				}
				assertThat(received(receiver, "/up", "up-secret-")).as("nothing came twice").hasSize(3);
			}
			finally {
				api.asAdmin().delete("/api/v1/webhooks/" + up);
				api.asAdmin().delete("/api/v1/webhooks/" + down);
			}
		}
	}

	private long webhook(String url, List<String> types, String secret) {
		Api.Response created = api.asAdmin()
			.post("/api/v1/webhooks", Map.of("name", "hook-" + UUID.randomUUID().toString().substring(0, 8), "url", url,
					"events", types, "secret", secret));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/** The events about this test's cluster a receiver got, as "type detail", each checked for its signature. */
	private List<String> received(WebhookReceiver receiver, String path, String secretPrefix) {
		List<String> events = new ArrayList<>();
		for (WebhookReceiver.Request request : receiver.requests(path)) {
			assertThat(request.signature()).isEqualTo(WebhookReceiver.signature(secretPrefix + clusterName, request.body()));
			JsonNode body = json.readTree(request.body());
			if (body.get("data").get("clusterId").asLong() == clusterId) {
				JsonNode data = body.get("data");
				events.add(body.get("type").asString() + " "
						+ (data.has("healthy") ? data.get("healthy").asString() : data.get("code").asString()));
			}
		}
		return events;
	}

	/** Failed attempts of a webhook's deliveries, as the API lists them. */
	private int failedAttempts(long webhookId) {
		JsonNode deliveries = api.asAdmin().get("/api/v1/webhooks/" + webhookId + "/deliveries").json();
		int attempts = 0;
		for (JsonNode delivery : deliveries.get("items")) {
			attempts += delivery.get("attempts").asInt();
		}
		return attempts;
	}

	@Test
	void anUnhealthyFirstReadingIsATransition() {
		master.controlWithoutBgpConfig();

		poll();

		assertThat(changesOf(clusterId)).singleElement().satisfies(event -> assertThat(event.healthy()).isFalse());
	}

	@Test
	void theHistoryKeepsChangesAndAPointAnHour() {
		JsonNode first = poll();
		int services = (int) first.get("counts").get("active").asLong();
		clock.advance(Duration.ofSeconds(30));
		poll();
		assertThat(history()).hasSize(services);

		master.controlWithoutBgpConfig();
		clock.advance(Duration.ofSeconds(30));
		poll();
		List<JsonNode> changed = history();
		assertThat(changed).hasSize(services + 1);
		assertThat(changed.get(services).get("service").asString()).isEqualTo("control");
		assertThat(changed.get(services).get("state").asString()).isEqualTo("initializing");

		clock.advance(Duration.ofHours(1));
		poll();
		assertThat(history()).hasSize(2 * services + 1);
	}

	@Test
	void prometheusHasAGaugePerServiceStateAndCountsPolls() {
		master.controlWithoutBgpConfig();
		poll();
		poll();

		Api.Response scrape = api.asAdmin().header("Accept", "text/plain").get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body())
			.contains("tfmesh_health_service_state{cluster=\"" + clusterName
					+ "\",node=\"k8s-master\",pod=\"control\",service=\"control\",state=\"initializing\"} 1.0")
			.contains("tfmesh_health_services{cluster=\"" + clusterName + "\",state=\"initializing\"} 1.0")
			.contains("tfmesh_health_polls_total{cluster=\"" + clusterName + "\"} 2.0")
			.doesNotContain("tfmesh_health_service_state{cluster=\"" + clusterName
					+ "\",node=\"k8s-master\",pod=\"control\",service=\"control\",state=\"active\"}");
	}

	private JsonNode poll() {
		Api.Response response = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/health/poll", "");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private JsonNode health() {
		Api.Response response = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/health");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private List<JsonNode> history() {
		Api.Response response = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/health/history?hours=48");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

	private String contrailStatus() {
		Api.Response response = api.asAdmin().header("Accept", "text/plain")
			.get("/api/v1/clusters/" + clusterId + "/contrail-status");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/plain");
		return response.body();
	}

	private static JsonNode service(JsonNode health, String node, String pod, String service) {
		for (JsonNode each : health.get("nodes")) {
			if (each.get("node").asString().equals(node)) {
				for (JsonNode reading : each.get("services")) {
					if (reading.get("pod").asString().equals(pod) && reading.get("service").asString().equals(service)) {
						return reading;
					}
				}
			}
		}
		throw new AssertionError("no " + pod + "/" + service + " on " + node + " in " + health);
	}

	/**
	 * contrail-status text by node and pod, each pod's lines from its header to the blank line
	 * that closes it; fails on any line out of that shape.
	 */
	static Map<String, Map<String, List<String>>> blocks(String text) {
		Map<String, Map<String, List<String>>> nodes = new LinkedHashMap<>();
		List<String> lines = text.lines().toList();
		Map<String, List<String>> pods = null;
		List<String> block = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (block != null) {
				block.add(line);
				if (line.isEmpty()) {
					block = null;
				}
			}
			else if (line.startsWith("Node ")) {
				pods = nodes.computeIfAbsent(line.substring("Node ".length()), node -> new LinkedHashMap<>());
				assertThat(lines.get(++i)).as("the line after " + line).isEmpty();
			}
			else if (line.startsWith("== Contrail ") && line.endsWith(" ==") && pods != null) {
				block = new ArrayList<>(List.of(line));
				pods.put(line.substring("== Contrail ".length(), line.length() - " ==".length()), block);
			}
			else {
				throw new AssertionError("line " + (i + 1) + " '" + line + "' is out of place in\n" + text);
			}
		}
		assertThat(block).as("the last pod ends with a blank line").isNull();
		return nodes;
	}

	private static String fixture(String name) throws IOException {
		try (InputStream in = HealthIT.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private List<ClusterHealthChanged> changesOf(long cluster) {
		return healthEvents.all().stream().filter(event -> event.clusterId() == cluster).toList();
	}

}
