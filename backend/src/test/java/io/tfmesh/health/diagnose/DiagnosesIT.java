package io.tfmesh.health.diagnose;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.health.DiagnosisFound;
import io.tfmesh.health.HealthApplicationSupport;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.TwoNodeCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnoses over HTTP against an emulated cluster in the seed's state: its control node says
 * "No BGP configuration for self" (TFC {@code src/control-node/control_node.cc}) and its agents
 * lost their XMPP sessions to it. The TF config API tells the two causes apart (reference §7.6).
 */
class DiagnosesIT extends HealthApplicationSupport {

	private static final String NETWORK = LoopbackNetworks.reserve();

	private static final String MASTER = NETWORK + ".0.1";

	private static final String WORKER = NETWORK + ".0.2";

	private static final long ASN = 64512;

	private static TwoNodeCluster cluster;

	private static EmulatedKubernetes kubernetes;

	private static TfConfigApiEmulator tungstenFabric;

	private static IntrospectEmulator master;

	private static IntrospectEmulator worker;

	private Api api;

	private long clusterId;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = TwoNodeCluster.start("diagnoses-cluster", MASTER, WORKER, List.of("control", "config", "kubernetes", "vrouter")).provisioned(ASN);
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
		String name = "diagnoses-" + UUID.randomUUID().toString().substring(0, 8);
		long cloudId = Fixtures.createCloud(api.asAdmin(), name + "-cloud");
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(MASTER));
		clusterId = Fixtures.createCluster(api.asAdmin(), cluster);
		seedState();
	}

	@AfterEach
	void heal() {
		master.healthy(SandeshProcess.CONTROL);
		master.healthy(SandeshProcess.VROUTER_AGENT);
		worker.healthy(SandeshProcess.VROUTER_AGENT);
		if (tungstenFabric.hasBgpRouter("k8s-master")) {
			tungstenFabric.deleteBgpRouter("k8s-master");
		}
	}

	@Test
	void theSeedWithoutABgpRouterForTheControlNodeIsToldToCreateIt() {
		observe();

		JsonNode finding = finding(diagnoses(api.asAdmin()), "no-bgp-configuration-for-self", "k8s-master");

		assertThat(finding.get("severity").asString())
			.as(finding + " " + api.asAdmin().get("/api/v1/clusters/" + clusterId + "/observed").json().get("sources"))
			.isEqualTo("critical");
		assertThat(finding.get("fix").get("kind").asString()).isEqualTo("create-bgp-router");
		JsonNode parameters = finding.get("fix").get("parameters");
		assertThat(parameters.get("hostname").asString()).isEqualTo("k8s-master");
		assertThat(parameters.get("address").asString()).isEqualTo(MASTER);
		assertThat(parameters.get("asn").asString()).isEqualTo(String.valueOf(ASN));
		assertThat(finding.get("evidence").get(0).get("value").asString())
			.isEqualTo("control: initializing (No BGP configuration for self)");
		assertThat(finding.get("evidence").get(0).get("source").asString()).isEqualTo("introspect " + MASTER + ":8083");
		JsonNode xmpp = finding(diagnoses(api.asAdmin()), "xmpp-connection-down", "k8s-worker");
		assertThat(xmpp.get("evidence").valueStream().map(e -> e.get("what").asString()).toList())
			.contains("control/control on k8s-master");
		assertThat(xmpp.get("fix").get("parameters").get("node").asString()).isEqualTo("k8s-master");
	}

	@Test
	void theSeedWhoseBgpRouterExistsIsToldToRestartTheControlPod() {
		tungstenFabric.provisionControl(ASN, List.of(new TfConfigApiEmulator.BgpRouterSeed("k8s-master", MASTER)));
		observe();

		JsonNode finding = finding(diagnoses(Fixtures.userWithRole(api, "viewer")), "no-bgp-configuration-for-self",
				"k8s-master");

		assertThat(finding.get("fix").get("kind").asString()).isEqualTo("restart-pod");
		JsonNode parameters = finding.get("fix").get("parameters");
		assertThat(parameters.get("namespace").asString()).isEqualTo("kube-system");
		assertThat(parameters.get("pod").asString()).startsWith("contrail-controller-control");
		assertThat(finding.get("cause").asString()).contains("bgp-router k8s-master exists");
	}

	@Test
	void aFindingIsAnnouncedOncePerAppearance() {
		observe();
		poll();
		poll();
		assertThat(found("no-bgp-configuration-for-self")).singleElement()
			.satisfies(event -> assertThat(event.node()).isEqualTo("k8s-master"));
		assertThat(found("xmpp-connection-down")).extracting(DiagnosisFound::node)
			.containsExactlyInAnyOrder("k8s-master", "k8s-worker");

		master.healthy(SandeshProcess.CONTROL);
		master.healthy(SandeshProcess.VROUTER_AGENT);
		worker.healthy(SandeshProcess.VROUTER_AGENT);
		poll();
		assertThat(diagnoses(api.asAdmin()).valueStream().map(f -> f.get("code").asString()).toList()).isEmpty();
		assertThat(found("no-bgp-configuration-for-self")).hasSize(1);

		seedState();
		poll();
		poll();
		assertThat(found("no-bgp-configuration-for-self")).hasSize(2);
	}

	@Test
	void aMissingClusterIsANotFoundProblem() {
		assertProblem(api.asAdmin().get("/api/v1/clusters/999999/diagnoses"), 404, "not-found");
	}

	private static void seedState() {
		master.controlWithoutBgpConfig();
		master.vrouterAgentWithoutSelfConfig();
		worker.vrouterAgentWithoutSelfConfig();
	}

	private void observe() {
		Api.Response response = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private void poll() {
		Api.Response response = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/health/poll", "");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private JsonNode diagnoses(Api session) {
		Api.Response response = session.get("/api/v1/clusters/" + clusterId + "/diagnoses");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static JsonNode finding(JsonNode findings, String code, String node) {
		for (JsonNode finding : findings) {
			if (finding.get("code").asString().equals(code) && finding.get("node").asString().equals(node)) {
				return finding;
			}
		}
		throw new AssertionError("no " + code + " on " + node + " in " + findings);
	}

	private List<DiagnosisFound> found(String code) {
		return diagnosisEvents.all()
			.stream()
			.filter(event -> event.clusterId() == clusterId && event.code().equals(code))
			.toList();
	}

}
