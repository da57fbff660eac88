package io.tfmesh.observe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectCertificates;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Observation of a cluster made of the emulated APIs, over HTTP: what is read, how failures of
 * one source are reported, and that a silent cluster cannot hold the observation.
 */
class ObservationIT extends IntegrationTestSupport {

	private static final String MASTER = LoopbackNetworks.reserve() + ".0.1";

	private static EmulatedKubernetes kubernetes;

	private static TfConfigApiEmulator tungstenFabric;

	private static IntrospectEmulator master;

	@Autowired
	JdbcTemplate jdbc;

	private long clusterId;

	@BeforeAll
	static void startCluster() throws Exception {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "observed-cluster-");
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.112.0.0/12", "cluster.local",
				List.of(new SeedNode("obs-master", MASTER, List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", MASTER, "VROUTER_GATEWAY", "10.0.0.1", "METADATA_PROXY_SECRET",
						"do-not-show-me"),
				KubernetesSeed.kubeManagerConfig(MASTER)));
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"), JsonMapper.builder().build());
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		tungstenFabric.provisionControl(64512, List.of(new TfConfigApiEmulator.BgpRouterSeed("obs-master", MASTER)));
		List<SandeshProcess> services = new java.util.ArrayList<>();
		for (String pod : List.of("control", "config", "kubernetes", "analytics", "database", "config-database",
				"webui", "vrouter", "analytics-alarm", "analytics-snmp")) {
			services.addAll(SandeshProcess.ofPod(pod));
		}
		master = IntrospectEmulator.start(MASTER, "obs-master", services);
	}

	@AfterAll
	static void stopCluster() {
		master.close();
		tungstenFabric.close();
		kubernetes.close();
	}

	@BeforeEach
	void register() {
		Api.Response created = api.asAdmin().post("/api/v1/clusters", clusterBody(unique("observed")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		clusterId = created.json().get("id").asLong();
	}

	private Map<String, Object> clusterBody(String name) {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(MASTER));
		return cluster;
	}

	@AfterEach
	void clearFaults() {
		kubernetes.latency(Duration.ZERO);
		kubernetes.down(false);
		tungstenFabric.resetFaults();
		master.down(false);
		master.healthy(SandeshProcess.CONTROL);
		master.configApiWorkers(1);
		kubernetes.crashLoop("obs-master", "config-zookeeper", false);
	}

	@Test
	void aCrashLoopingContainerInARunningPodIsInactive() {
		kubernetes.crashLoop("obs-master", "config-zookeeper", true);

		JsonNode state = observe();

		assertThat(health(state, "config-database", "zookeeper")).isEqualTo("inactive");
		assertThat(reading(state, "config-database", "zookeeper").get("source").asString())
			.contains("config-zookeeper", "waiting", "CrashLoopBackOff");
		assertThat(health(state, "config-database", "cassandra")).isEqualTo("active");
		assertThat(health(state, "config-database", "rabbitmq")).isEqualTo("active");
		assertThat(health(state, "config-database", "nodemgr")).isEqualTo("active");
		assertThat(health(state, "analytics-alarm", "kafka")).isEqualTo("active");
		assertThat(health(state, "analytics-snmp", "topology")).isEqualTo("active");
		assertThat(state.get("tfPods").findValuesAsString("name")).anyMatch(name -> name.startsWith("config-zookeeper-"));
		String status = api.asAdmin()
			.header("Accept", "text/plain")
			.get("/api/v1/clusters/" + clusterId + "/contrail-status")
			.body();
		assertThat(status).contains("== Contrail config-database ==\nnodemgr: active\ncassandra: active\n"
				+ "zookeeper: inactive\nrabbitmq: active\n");
	}

	@Test
	void introspectServedOnlyOverHttpsIsReadWithTheClusterCertificates() {
		IntrospectCertificates certificates = IntrospectCertificates.create("observed", List.of(MASTER));
		master.tls(certificates.serverContext());
		try {
			// a failed TLS handshake per process and scheme: on a busy machine a first round can
			// outlast the observation's bound, which is reported as such and read again
			JsonNode withoutCertificates = observeUntilIntrospectAnswers();
			assertThat(health(withoutCertificates, "control", "control")).isEqualTo("unknown");
			assertThat(reading(withoutCertificates, "control", "control").get("source").asString())
				.contains("https://" + MASTER + ":8083", "unreachable");
			assertThat(health(withoutCertificates, "config", "api")).isEqualTo("unknown");
			assertThat(source(withoutCertificates, "introspect").get("status").asString()).isIn("partial", "failed");

			Map<String, Object> cluster = clusterBody(unique("observed-tls"));
			cluster.put("introspect", Map.of("caCertificate", certificates.caCertificatePem(), "clientCertificate",
					certificates.clientCertificatePem(), "clientKey", certificates.clientKeyPem()));
			long secured = Fixtures.createCluster(api.asAdmin(), cluster);
			Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + secured + "/observe", "");

			assertThat(health(observed.json(), "control", "control")).isEqualTo("active");
			assertThat(health(observed.json(), "config", "api")).isEqualTo("active");
			assertThat(health(observed.json(), "vrouter", "agent")).isEqualTo("active");
			assertThat(observed.body()).doesNotContain("PRIVATE KEY");
		}
		finally {
			master.tls(null);
		}
	}

	@Test
	void eachConfigApiWorkerHasALineOfItsOwn() {
		master.configApiWorkers(2);
		master.configApiWorker(1, "Non-Functional", "Zookeeper:Zookeeper connection down");

		JsonNode state = observe();

		assertThat(health(state, "config", "api-0")).isEqualTo("active");
		assertThat(health(state, "config", "api-1")).isEqualTo("initializing");
		assertThat(reading(state, "config", "api-1").get("description").asString())
			.isEqualTo("Zookeeper:Zookeeper connection down");
		assertThat(reading(state, "config", "api-1").get("source").asString()).endsWith(":18084");
		assertThatThrownBy(() -> reading(state, "config", "api")).isInstanceOf(AssertionError.class);

		master.configApiWorkers(1);
		assertThat(health(observe(), "config", "api")).isEqualTo("active");
	}

	@Test
	void readsEverySourceAndStoresTheSnapshot() {
		master.controlWithoutBgpConfig();
		Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		JsonNode state = observed.json();

		assertThat(state.get("complete").asBoolean()).isTrue();
		assertThat(state.get("sources")).hasSize(10).allSatisfy(source -> assertThat(source.get("status").asString()).isEqualTo("ok"));
		assertThat(state.at("/kubeadm/serviceSubnet").asString()).isEqualTo("10.112.0.0/12");
		assertThat(setting(state, "KUBERNETES_SERVICE_SUBNETS")).isEqualTo("10.96.0.0/12 entrypoint default");
		assertThat(setting(state, "VROUTER_GATEWAY")).isEqualTo("10.0.0.1 configmap/env");
		assertThat(state.at("/tungstenFabric/autonomousSystem").asLong()).isEqualTo(64512);
		assertThat(state.at("/tungstenFabric/networkIpams").toString()).contains("k8s-service-ipam", "10.96.0.0/12");
		assertThat(state.at("/tungstenFabric/bgpRouters/0/parameters/address").asString()).isEqualTo(MASTER);
		assertThat(state.at("/nodes/0/name").asString()).isEqualTo("obs-master");
		assertThat(state.get("tfPods").findValuesAsString("name")).anyMatch(name -> name.startsWith("contrail-controller-control-"));
		assertThat(state.get("health").toString()).contains("No BGP configuration for self", "introspect " + MASTER + ":8083");
		assertThat(observed.body()).doesNotContain("do-not-show-me");

		Api.Response latest = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/observed");
		assertThat(latest.json().get("revision").asString()).isEqualTo(state.get("revision").asString());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM cluster_observation WHERE cluster_id = ? AND state::text LIKE '%do-not-show-me%'",
				Long.class, clusterId)).isZero();

		Api.Response status = api.asAdmin()
			.header("Accept", "text/plain")
			.get("/api/v1/clusters/" + clusterId + "/contrail-status");
		assertThat(status.body()).contains("== Contrail control ==\ncontrol: initializing (No BGP configuration for self)\n")
			.contains("== Contrail kubernetes ==\nkube-manager: active\n");
	}

	@Test
	void readsNamespacesServicesAndTheNetworkPoliciesKubeManagerProvisioned() {
		JsonNode state = observe();

		assertThat(state.get("namespaces").valueStream().map(JsonNode::asString).toList())
			.containsExactly("default", "kube-system");
		JsonNode dns = service(state, "kube-system", "kube-dns");
		// kubeadm gives CoreDNS the tenth address of the service subnet
		assertThat(dns.get("clusterIps").valueStream().map(JsonNode::asString).toList()).containsExactly("10.112.0.10");
		assertThat(dns.get("type").asString()).isEqualTo("ClusterIP");
		assertThat(dns.get("ports").findValuesAsString("protocol")).containsExactly("UDP", "TCP", "TCP");
		assertThat(dns.get("ports").findValues("port").stream().map(JsonNode::asInt).toList()).containsExactly(53, 53,
				9153);
		assertThat(service(state, "default", "kubernetes").get("clusterIps").get(0).asString()).isEqualTo("10.112.0.1");
		assertThat(state.at("/tungstenFabric/networkPolicies").findValues("fqName").stream()
			.map(name -> name.get(name.size() - 1).asString())
			.toList()).contains("k8s-default-ip-fabric-np", "k8s-default-service-np", "k8s-default-pod-service-np");
		assertThat(state.at("/tungstenFabric/networkPolicies").findValuesAsString("virtualNetwork"))
			.contains("default-domain:k8s-default:k8s-default-service-network");
		assertThat(state.get("unknown").toString()).doesNotContain("namespaces", "services");
	}

	@Test
	void aClusterWhoseKubernetesApiIsDownHasItsNamespacesAndServicesUnknownNotEmpty() {
		kubernetes.down(true);
		JsonNode state = observe();

		assertThat(source(state, "kubernetes/namespaces").get("status").asString()).isEqualTo("failed");
		assertThat(source(state, "kubernetes/services").get("status").asString()).isEqualTo("failed");
		assertThat(state.get("namespaces")).isEmpty();
		assertThat(state.get("services")).isEmpty();
		assertThat(state.get("unknown").valueStream().map(JsonNode::asString).toList()).contains("namespaces",
				"services");
		assertThat(state.get("complete").asBoolean()).isFalse();
		// the TF part is still read, policies included
		assertThat(state.at("/tungstenFabric/networkPolicies").toString()).contains("k8s-default-service-np");
	}

	@Test
	void theRevisionFollowsTheContentNotTheTime() {
		String first = observe().get("revision").asString();
		assertThat(observe().get("revision").asString()).isEqualTo(first);

		tungstenFabric.provisionControl(64999, List.of());
		String afterChange = observe().get("revision").asString();
		tungstenFabric.provisionControl(64512, List.of());
		assertThat(afterChange).isNotEqualTo(first);
	}

	@Test
	void aClusterWhoseTfApiIsDownStillHasItsKubernetesPartStored() {
		tungstenFabric.down(true);
		JsonNode state = observe();
		assertThat(state.get("complete").asBoolean()).isFalse();
		JsonNode tf = source(state, "tungsten-fabric/config-api");
		assertThat(tf.get("status").asString()).isEqualTo("failed");
		assertThat(tf.get("failure").asString()).isEqualTo("UNREACHABLE");
		assertThat(tf.get("message").asString()).isNotBlank();
		assertThat(state.get("tungstenFabric").isNull()).isTrue();
		assertThat(state.get("unknown").toString()).contains("\"tungstenFabric\"", "\"forwarding.podSubnets\"");
		assertThat(source(state, "kubernetes/nodes").get("status").asString()).isEqualTo("ok");
		assertThat(state.get("nodes")).hasSize(1);
		assertThat(state.at("/kubeadm/podSubnet").asString()).isEqualTo("10.32.0.0/12");

		JsonNode stored = api.asAdmin().get("/api/v1/clusters/" + clusterId + "/observed").json();
		assertThat(source(stored, "tungsten-fabric/config-api").get("failure").asString()).isEqualTo("UNREACHABLE");
		assertThat(stored.get("nodes")).hasSize(1);
	}

	@Test
	void aClusterThatStopsAnsweringDoesNotHoldTheObservationPastItsBound() {
		// an answer that never comes in the life of the test: only the bound ends the observation
		kubernetes.latency(Duration.ofHours(1));
		JsonNode state = observe();

		assertThat(source(state, "kubernetes/nodes").get("status").asString()).isEqualTo("timeout");
		assertThat(source(state, "kubernetes/nodes").get("message").asString()).contains("3s");
		assertThat(source(state, "introspect").get("status").asString()).isEqualTo("skipped");
		assertThat(source(state, "tungsten-fabric/config-api").get("status").asString()).isEqualTo("ok");
	}

	@Test
	void introspectThatCannotBeReachedIsUnknownWithItsReasonAndTheSourceSaysSo() {
		master.down(true);
		JsonNode state = observe();
		assertThat(health(state, "control", "control")).isEqualTo("unknown");
		assertThat(reading(state, "control", "control").get("description").asString())
			.isEqualTo("introspect unreachable");
		assertThat(reading(state, "control", "control").get("failure").asString()).contains(MASTER + ":8083");
		// contrail-status's reading of a standby that does not listen
		assertThat(health(state, "kubernetes", "kube-manager")).isEqualTo("backup");
		JsonNode introspect = source(state, "introspect");
		assertThat(introspect.get("status").asString()).isIn("partial", "failed");
		assertThat(introspect.get("message").asString()).contains("introspect reads failed", "unreachable");
		assertThat(state.get("complete").asBoolean()).isFalse();
	}

	@Test
	void viewersReadObservationsButCannotTriggerThem() {
		Api viewer = Fixtures.userWithRole(api, "viewer");
		assertThat(viewer.post("/api/v1/clusters/" + clusterId + "/observe", "").status()).isEqualTo(403);
		Api.Response never = viewer.get("/api/v1/clusters/" + clusterId + "/observed");
		assertThat(never.status()).isEqualTo(404);
		assertThat(never.json().get("detail").asString()).contains("observe");
		observe();
		assertThat(viewer.get("/api/v1/clusters/" + clusterId + "/observed").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/clusters/999999/observed").status()).isEqualTo(404);
	}

	private JsonNode observeUntilIntrospectAnswers() {
		AtomicReference<JsonNode> state = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			state.set(observe());
			assertThat(source(state.get(), "introspect").get("status").asString()).isNotIn("timeout", "skipped");
		});
		return state.get();
	}

	private JsonNode observe() {
		Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		return observed.json();
	}

	private static JsonNode source(JsonNode state, String name) {
		for (JsonNode source : state.get("sources")) {
			if (source.get("source").asString().equals(name)) {
				return source;
			}
		}
		throw new AssertionError("no source " + name + " in " + state.get("sources"));
	}

	private static JsonNode service(JsonNode state, String namespace, String name) {
		for (JsonNode service : state.get("services")) {
			if (service.get("namespace").asString().equals(namespace) && service.get("name").asString().equals(name)) {
				return service;
			}
		}
		throw new AssertionError("no Service " + namespace + "/" + name + " in " + state.get("services"));
	}

	private static String setting(JsonNode state, String key) {
		for (JsonNode setting : state.get("kubeManager")) {
			if (setting.get("key").asString().equals(key)) {
				return setting.get("value").asString() + " " + setting.get("origin").asString();
			}
		}
		throw new AssertionError("no setting " + key);
	}

	private static String health(JsonNode state, String pod, String service) {
		return reading(state, pod, service).get("state").asString();
	}

	private static JsonNode reading(JsonNode state, String pod, String service) {
		for (JsonNode reading : state.get("health")) {
			if (reading.get("pod").asString().equals(pod) && reading.get("service").asString().equals(service)) {
				return reading;
			}
		}
		throw new AssertionError("no health of " + pod + "/" + service + " in " + state.get("health"));
	}

}
