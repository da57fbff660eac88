package io.tfmesh.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.BgpNeighbor;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health polls read the control node's neighbors from its introspect
 * ({@code Snh_BgpNeighborReq}) and diagnose the BGP session with the other cluster of the mesh,
 * against two emulated clusters: gcp-west, whose control node peers with aws-east's.
 */
class BgpPeersIT extends HealthApplicationSupport {

	private static final String NETWORK = LoopbackNetworks.reserve();

	private static final String GCP_MASTER = NETWORK + ".0.1";

	private static final String AWS_MASTER = NETWORK + ".1.1";

	private static final String PEER = "aws-east-master";

	private static final List<EmulatedKubernetes> kubernetes = new ArrayList<>();

	private static final List<TfConfigApiEmulator> tungstenFabric = new ArrayList<>();

	private static IntrospectEmulator gcpMaster;

	private Api api;

	private long gcpWest;

	private long awsEast;

	@BeforeAll
	static void startClusters() throws Exception {
		startCluster("gcp-west-master", GCP_MASTER, 64512);
		startCluster("aws-east-master", AWS_MASTER, 64513);
		List<SandeshProcess> services = new ArrayList<>();
		List.of("control", "config", "vrouter").forEach(pod -> services.addAll(SandeshProcess.ofPod(pod)));
		gcpMaster = IntrospectEmulator.start(GCP_MASTER, "gcp-west-master", services);
	}

	private static void startCluster(String master, String address, long asn) throws Exception {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bgp-peers-cluster-");
		EmulatedKubernetes k8s = EmulatedKubernetes.start("127.0.0.1", 0, state);
		k8s.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.112.0.0/12", "cluster.local",
				List.of(new SeedNode(master, address, List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", address, "VROUTER_GATEWAY", "10.0.0.1"),
				KubernetesSeed.kubeManagerConfig(address)));
		TfConfigApiEmulator tf = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"),
				JsonMapper.builder().build());
		tf.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.112.0.0/12"), List.of());
		tf.provisionControl(asn, List.of(new TfConfigApiEmulator.BgpRouterSeed(master, address)));
		kubernetes.add(k8s);
		tungstenFabric.add(tf);
	}

	@AfterAll
	static void stopClusters() {
		gcpMaster.close();
		tungstenFabric.forEach(TfConfigApiEmulator::close);
		kubernetes.forEach(EmulatedKubernetes::close);
	}

	@BeforeEach
	void registerMesh() {
		clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
		api = new Api("http://localhost:" + port, json);
		String name = UUID.randomUUID().toString().substring(0, 8);
		long cloudId = Fixtures.createCloud(api.asAdmin(), "bgp-" + name);
		gcpWest = register("gcp-west-" + name, cloudId, 0, GCP_MASTER);
		awsEast = register("aws-east-" + name, cloudId, 1, AWS_MASTER);
		Api.Response mesh = api.asAdmin().post("/api/v1/meshes",
				Map.of("name", "multicloud-" + name, "clusterIds", List.of(gcpWest, awsEast)));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		// aws-east's control node is known from its observation: its bgp-router and its control pod's node
		assertThat(api.asAdmin().post("/api/v1/clusters/" + awsEast + "/observe", "").status()).isEqualTo(200);
		gcpMaster.bgpNeighbor(BgpNeighbor.bgp(PEER, AWS_MASTER, 64513, 64512, "external-control-node", "Established"));
		gcpMaster.bgpNeighbor(BgpNeighbor.xmpp("gcp-west-master", GCP_MASTER, "Established"));
	}

	@AfterEach
	void heal() {
		gcpMaster.down(false);
		gcpMaster.removeBgpNeighbor(PEER);
	}

	private long register(String name, long cloudId, int index, String master) {
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes",
				Map.of("apiUrl", kubernetes.get(index).url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.get(index).url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(master));
		return Fixtures.createCluster(api.asAdmin(), cluster);
	}

	@Test
	void servesTheNeighborsWithSourceAndAge() {
		poll(gcpWest);
		clock.advance(Duration.ofSeconds(7));

		JsonNode lists = neighbors(gcpWest);

		assertThat(lists).hasSize(1);
		JsonNode list = lists.get(0);
		assertThat(list.get("node").asString()).isEqualTo("gcp-west-master");
		assertThat(list.get("known").asBoolean()).isTrue();
		assertThat(list.get("source").asString()).isEqualTo("introspect " + GCP_MASTER + ":8083/Snh_BgpNeighborReq");
		assertThat(list.get("ageSeconds").asLong()).isEqualTo(7);
		JsonNode peer = list.get("neighbors").get(0);
		assertThat(peer.get("peer").asString()).isEqualTo(PEER);
		assertThat(peer.get("peerAddress").asString()).isEqualTo(AWS_MASTER);
		assertThat(peer.get("peerAsn").asLong()).isEqualTo(64513);
		assertThat(peer.get("encoding").asString()).isEqualTo("BGP");
		assertThat(peer.get("peerType").asString()).isEqualTo("external");
		assertThat(peer.get("state").asString()).isEqualTo("Established");
		assertThat(list.get("neighbors").get(1).get("encoding").asString()).isEqualTo("XMPP");
		assertThat(codes(gcpWest)).doesNotContain("bgp-peer-not-established");
	}

	@Test
	void aPeerGoingIdleIsFoundOnceNamingBothClusters() {
		poll(gcpWest);
		assertThat(codes(gcpWest)).doesNotContain("bgp-peer-not-established");

		gcpMaster.bgpNeighborState(PEER, "Idle");
		poll(gcpWest);
		poll(gcpWest);

		assertThat(found(gcpWest, "bgp-peer-not-established")).hasSize(1);
		JsonNode finding = finding(gcpWest, "bgp-peer-not-established");
		assertThat(finding.get("severity").asString()).isEqualTo("critical");
		assertThat(finding.get("node").asString()).isEqualTo("gcp-west-master");
		assertThat(finding.get("cause").asString()).contains("gcp-west-", "aws-east-", "Idle", PEER);
		assertThat(finding.get("evidence").get(0).get("source").asString())
			.isEqualTo("introspect " + GCP_MASTER + ":8083/Snh_BgpNeighborReq");
		assertThat(finding.get("fix").get("kind").asString()).isEqualTo("check-bgp-peering");

		gcpMaster.bgpNeighborState(PEER, "Established");
		poll(gcpWest);
		assertThat(codes(gcpWest)).doesNotContain("bgp-peer-not-established");
	}

	@Test
	void aNeighborListThatCannotBeReadIsUnknownNeverEstablished() {
		poll(gcpWest);
		gcpMaster.down(true);
		poll(gcpWest);

		JsonNode list = neighbors(gcpWest).get(0);
		assertThat(list.get("known").asBoolean()).isFalse();
		assertThat(list.get("unknownBecause").asString()).contains(GCP_MASTER + ":8083");
		assertThat(list.get("neighbors")).isEmpty();
		JsonNode finding = finding(gcpWest, "bgp-peer-not-established");
		assertThat(finding.get("severity").asString()).isEqualTo("unknown");
		assertThat(finding.get("cause").asString()).contains("were not read", "aws-east-");
		assertThat(finding.get("fix").isNull()).isTrue();
	}

	@Test
	void neighborsThatStopArrivingTurnUnknown() {
		poll(gcpWest);
		clock.advance(Duration.ofSeconds(90));

		JsonNode list = neighbors(gcpWest).get(0);

		assertThat(list.get("known").asBoolean()).isFalse();
		assertThat(list.get("unknownBecause").asString()).isEqualTo("not read for 90 s");
		assertThat(list.get("neighbors")).isEmpty();
	}

	@Test
	void aContainerThatRestartedBetweenTwoPollsIsAWarning() {
		poll(gcpWest);
		kubernetes.get(0).crashLoop("gcp-west-master", "contrail-controller-control", true);
		kubernetes.get(0).crashLoop("gcp-west-master", "contrail-controller-control", false);
		clock.advance(Duration.ofSeconds(30));
		poll(gcpWest);

		JsonNode finding = finding(gcpWest, "restarts-growing");
		assertThat(finding.get("severity").asString()).isEqualTo("warning");
		assertThat(finding.get("cause").asString()).contains("contrail-controller-control", "0 → 1");
		assertThat(finding.get("evidence").valueStream().map(e -> e.get("ageSeconds").asLong()).toList())
			.containsExactly(30L, 0L);

		clock.advance(Duration.ofSeconds(30));
		poll(gcpWest);
		assertThat(codes(gcpWest)).doesNotContain("restarts-growing");
	}

	@Test
	void aMissingClusterIsANotFoundProblem() {
		assertProblem(api.asAdmin().get("/api/v1/clusters/999999/bgp-neighbors"), 404, "not-found");
	}

	private void poll(long clusterId) {
		Api.Response response = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/health/poll", "");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private JsonNode neighbors(long clusterId) {
		Api.Response response = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/bgp-neighbors");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private List<String> codes(long clusterId) {
		return diagnoses(clusterId).valueStream().map(f -> f.get("code").asString()).toList();
	}

	private JsonNode diagnoses(long clusterId) {
		Api.Response response = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/diagnoses");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private JsonNode finding(long clusterId, String code) {
		JsonNode findings = diagnoses(clusterId);
		for (JsonNode finding : findings) {
			if (finding.get("code").asString().equals(code)) {
				return finding;
			}
		}
		throw new AssertionError("no " + code + " in " + findings);
	}

	private List<DiagnosisFound> found(long clusterId, String code) {
		return diagnosisEvents.all()
			.stream()
			.filter(event -> event.clusterId() == clusterId && event.code().equals(code))
			.toList();
	}

}
