package io.tfmesh.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run command's sandbox: two emulated clusters registered like real ones, the seed story's
 * collisions and faults visible in their observed state, and the clusters reacting to what is
 * done to them through their APIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SandboxIT {

	private static final String NODE_PREFIX = LoopbackNetworks.reserve();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	Sandbox sandbox;

	@Autowired
	SandboxRegistration registration;

	@DynamicPropertySource
	static void sandboxProperties(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-data-");
		registry.add("tfmesh.data-dir", dataDir::toString);
		registry.add("tfmesh.admin.password", () -> "sandbox-admin-password");
		registry.add("tfmesh.sandbox.base-port", () -> 0);
		registry.add("tfmesh.sandbox.node-address-prefix", () -> NODE_PREFIX);
		registry.add("tfmesh.fabric.observe-interval", () -> "2s");
	}

	private Api admin() {
		return new Api("http://localhost:" + port, json).basic("admin", "sandbox-admin-password");
	}

	@Test
	void bothClustersAreRegisteredAndObservedWithTheSeedsCollisions() {
		JsonNode awsEast = awaitObserved("aws-east");
		JsonNode gcpWest = awaitObserved("gcp-west");

		JsonNode clusters = admin().get("/api/v1/clusters?q=-").json().get("items");
		assertThat(clusters.findValuesAsString("name")).contains("aws-east", "gcp-west");
		assertThat(admin().get("/api/v1/clouds").json().get("items").findValuesAsString("name")).contains("aws", "gcp");

		for (JsonNode state : List.of(awsEast, gcpWest)) {
			assertThat(state.get("complete").asBoolean()).as(state.get("sources").toString()).isTrue();
			assertThat(ipam(state, "k8s-pod-ipam")).isEqualTo("10.32.0.0/12");
			assertThat(ipam(state, "k8s-service-ipam")).isEqualTo("10.96.0.0/12");
			assertThat(ipam(state, "k8s-ip-fabric-ipam")).isEqualTo("10.64.0.0/12");
			assertThat(state.at("/tungstenFabric/autonomousSystem").asLong()).isEqualTo(64512);
			// kube-dns's two pods hold addresses of the pod subnet, so a plan cannot remove it yet
			assertThat(state.at("/tungstenFabric/addressesInUse").get("10.32.0.0/12").asLong())
				.isEqualTo(SeedStory.POD_NETWORK_PODS);
			assertThat(state.at("/tungstenFabric/addressesInUse").get("10.96.0.0/12").asLong()).isZero();
		}
		assertThat(awsEast.at("/kubeadm/serviceSubnet").asString()).isEqualTo("10.96.0.0/12");
		assertThat(gcpWest.at("/kubeadm/serviceSubnet").asString()).isEqualTo("10.112.0.0/12");

		assertThat(line(gcpWest, "gcp-west-master", "control", "control"))
			.isEqualTo("control: initializing (No BGP configuration for self)");
		assertThat(line(gcpWest, "gcp-west-worker-1", "vrouter", "agent")).isEqualTo(
				"agent: initializing (XMPP:control-node:" + NODE_PREFIX + ".11.1 connection down, No Configuration for self)");
		assertThat(line(awsEast, "aws-east-master", "control", "control")).isEqualTo("control: active");
	}

	@Test
	void deletingTheStuckControlPodClearsTheFaultAndTheDaemonSetBringsItBack() throws Exception {
		awaitObserved("gcp-west");
		String kubernetes = emulated("gcp-west").kubernetes().url();
		String stuck = controlPod(kubernetes);

		HttpResponse<String> deleted = HTTP.send(HttpRequest
			.newBuilder(URI.create(kubernetes + "/api/v1/namespaces/kube-system/pods/" + stuck))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String replacement = controlPod(kubernetes);
			assertThat(replacement).isNotEqualTo(stuck).startsWith("contrail-controller-control-");
			JsonNode state = observe("gcp-west");
			assertThat(line(state, "gcp-west-master", "control", "control")).isEqualTo("control: active");
			assertThat(line(state, "gcp-west-worker-1", "vrouter", "agent")).isEqualTo("agent: active");
		});
	}

	@Test
	void aRestartedKubeManagerReadsItsChangedConfigMapButKeepsIpamsThatHaveSubnets() throws Exception {
		awaitObserved("aws-east");
		String kubernetes = emulated("aws-east").kubernetes().url();
		HttpResponse<String> patched = HTTP.send(HttpRequest
			.newBuilder(URI.create(kubernetes + "/api/v1/namespaces/kube-system/configmaps/kube-manager-config"))
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(
					"{\"data\":{\"KUBERNETES_CLUSTER_NAME\":\"east\",\"KUBERNETES_POD_SUBNETS\":\"10.48.0.0/12\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(patched.statusCode()).as(patched.body()).isBetween(200, 299);

		JsonNode beforeRestart = observe("aws-east");
		assertThat(ipam(beforeRestart, "east-pod-ipam")).isNull();

		String kubeManager = pod(kubernetes, "contrail-kube-manager");
		HTTP.send(HttpRequest.newBuilder(URI.create(kubernetes + "/api/v1/namespaces/kube-system/pods/" + kubeManager))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode state = observe("aws-east");
			assertThat(ipam(state, "east-pod-ipam")).isEqualTo("10.48.0.0/12");
			assertThat(ipam(state, "k8s-pod-ipam")).isEqualTo("10.32.0.0/12");
		});
	}

	@Test
	void faultsInjectedThroughTheSandboxShowInTheNextObservation() {
		awaitObserved("aws-east");
		Api.Response down = admin().post("/api/v1/sandbox/clusters/aws-east/faults",
				Map.of("target", "tungsten-fabric", "down", true, "latencyMs", 0, "errorRate", 0));
		assertThat(down.status()).as(down.toString()).isEqualTo(200);
		try {
			JsonNode state = observe("aws-east");
			JsonNode tf = source(state, "tungsten-fabric/config-api");
			assertThat(tf.get("failure").asString()).isEqualTo("UNREACHABLE");
			assertThat(state.get("nodes")).hasSize(2);
		}
		finally {
			admin().post("/api/v1/sandbox/clusters/aws-east/faults",
					Map.of("target", "tungsten-fabric", "down", false, "latencyMs", 0, "errorRate", 0));
		}
		assertThat(source(observe("aws-east"), "tungsten-fabric/config-api").get("status").asString()).isEqualTo("ok");

		Api.Response process = admin().post("/api/v1/sandbox/clusters/aws-east/processes", Map.of("node",
				"aws-east-master", "pod", "config", "service", "api", "state", "Non-Functional", "description",
				"Number of connections:3, Expected:4 Missing: Database:Cassandra"));
		assertThat(process.status()).as(process.toString()).isEqualTo(200);
		assertThat(line(observe("aws-east"), "aws-east-master", "config", "api"))
			.isEqualTo("api: initializing (Number of connections:3, Expected:4 Missing: Database:Cassandra)");

		assertThat(admin().post("/api/v1/sandbox/clusters/aws-east/faults", Map.of("target", "dns")).status())
			.isEqualTo(400);
		assertThat(admin().post("/api/v1/sandbox/clusters/nowhere/faults", Map.of("target", "kubernetes")).status())
			.isEqualTo(404);
	}

	@Test
	void countsTheWritesEachEmulatedApiAcceptedAndRefusesFaultSharesAddingUpToMoreThanOne() throws Exception {
		awaitObserved("aws-east");
		String kubernetes = emulated("aws-east").kubernetes().url();
		String name = unique("counted");
		String body = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"" + name + "\"}}";
		HttpRequest create = HttpRequest.newBuilder(URI.create(kubernetes + "/api/v1/namespaces/default/configmaps"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		assertThat(HTTP.send(create, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
		// AlreadyExists: refused, not counted
		assertThat(HTTP.send(create, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(409);

		Api.Response writes = admin().get("/api/v1/sandbox/clusters/aws-east/writes");
		assertThat(writes.status()).as(writes.toString()).isEqualTo(200);
		assertThat(writes.json().at("/kubernetes/configmaps~1default~1" + name).asLong()).isEqualTo(1);

		Api.Response tooMuch = admin().post("/api/v1/sandbox/clusters/aws-east/faults",
				Map.of("target", "tungsten-fabric", "errorRate", 0.7, "timeoutRate", 0.4));
		assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(400);
	}

	@Test
	void aCrashLoopingZookeeperShowsInactiveWhileItsPodRuns() {
		awaitObserved("gcp-west");
		Api.Response crashing = admin().post("/api/v1/sandbox/clusters/gcp-west/containers",
				Map.of("node", "gcp-west-master", "container", "config-zookeeper", "crashLooping", true));
		assertThat(crashing.status()).as(crashing.toString()).isEqualTo(200);
		try {
			JsonNode state = observe("gcp-west");
			assertThat(line(state, "gcp-west-master", "config-database", "zookeeper")).isEqualTo("zookeeper: inactive");
			assertThat(line(state, "gcp-west-master", "config-database", "rabbitmq")).isEqualTo("rabbitmq: active");
			assertThat(line(state, "gcp-west-master", "config-database", "cassandra")).isEqualTo("cassandra: active");
			assertThat(line(state, "gcp-west-master", "analytics-alarm", "alarm-gen")).isEqualTo("alarm-gen: active");
		}
		finally {
			admin().post("/api/v1/sandbox/clusters/gcp-west/containers",
					Map.of("node", "gcp-west-master", "container", "config-zookeeper", "crashLooping", false));
		}
		assertThat(line(observe("gcp-west"), "gcp-west-master", "config-database", "zookeeper"))
			.isEqualTo("zookeeper: active");

		assertThat(admin().post("/api/v1/sandbox/clusters/gcp-west/containers",
				Map.of("node", "gcp-west-worker-1", "container", "config-zookeeper", "crashLooping", true)).status())
			.isEqualTo(400);
		assertThat(admin().post("/api/v1/sandbox/clusters/gcp-west/containers",
				Map.of("node", "nowhere", "container", "rabbitmq", "crashLooping", true)).status())
			.isEqualTo(400);
	}

	@Test
	void introspectOverHttpsIsReadOnceTheClusterHasTheCertificates() {
		awaitObserved("aws-east");
		Api.Response enabled = admin().post("/api/v1/sandbox/clusters/aws-east/introspect-tls", Map.of("enabled", true));
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		JsonNode certificates = enabled.json();
		try {
			assertThat(line(observe("aws-east"), "aws-east-master", "control", "control"))
				.isEqualTo("control: unknown (introspect unreachable)");

			JsonNode cluster = admin().get("/api/v1/clusters/" + id("aws-east")).json();
			Map<String, Object> body = new java.util.LinkedHashMap<>();
			body.put("name", cluster.get("name").asString());
			body.put("cloudId", cluster.get("cloudId").asLong());
			body.put("kubernetes", Map.of("apiUrl", cluster.at("/kubernetes/apiUrl").asString(), "auth",
					cluster.at("/kubernetes/auth").asString()));
			body.put("tungstenFabric", Map.of("apiUrl", cluster.at("/tungstenFabric/apiUrl").asString(), "auth",
					cluster.at("/tungstenFabric/auth").asString()));
			body.put("tfClusterName", cluster.get("tfClusterName").asString());
			body.put("bgpAsn", cluster.get("bgpAsn").asLong());
			body.put("controlNodes", cluster.get("controlNodes").valueStream().map(JsonNode::asString).toList());
			body.put("version", cluster.get("version").asLong());
			body.put("introspect", Map.of("caCertificate", certificates.get("caCertificate").asString(),
					"clientCertificate", certificates.get("clientCertificate").asString(), "clientKey",
					certificates.get("clientKey").asString()));
			Api.Response updated = admin().put("/api/v1/clusters/" + id("aws-east"), body);
			assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

			JsonNode secured = observe("aws-east");
			assertThat(line(secured, "aws-east-master", "control", "control")).isEqualTo("control: active");
			assertThat(line(secured, "aws-east-worker-1", "vrouter", "agent")).isEqualTo("agent: active");
		}
		finally {
			admin().post("/api/v1/sandbox/clusters/aws-east/introspect-tls", Map.of("enabled", false));
		}
		// the certificates stay with the cluster: a plain node is read by falling back to HTTP
		assertThat(line(observe("aws-east"), "aws-east-master", "control", "control")).isEqualTo("control: active");
	}

	@Test
	void aMeshOfTheSeedClustersListsTheirCollisionsAndThePlannerSeparatesThem() {
		assertThat(admin().post("/api/v1/sandbox/reset", "").status()).isEqualTo(200);
		observe("aws-east");
		observe("gcp-west");
		Api.Response created = admin().post("/api/v1/meshes",
				Map.of("name", unique("seed"), "clusterIds", List.of(id("aws-east"), id("gcp-west"))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long meshId = created.json().get("id").asLong();

		JsonNode conflicts = admin().get("/api/v1/meshes/" + meshId + "/conflicts").json();
		List<String> explanations = conflicts.findValuesAsString("explanation");
		assertThat(explanations).anyMatch(e -> e.contains("pod 10.32.0.0/12 of aws-east overlaps the pod 10.32.0.0/12 of gcp-west"))
			.anyMatch(e -> e.contains("service 10.96.0.0/12 of aws-east overlaps the service 10.96.0.0/12 of gcp-west"))
			.anyMatch(e -> e.contains("fabric 10.64.0.0/12 of aws-east overlaps the fabric 10.64.0.0/12 of gcp-west"))
			.anyMatch(e -> e.contains("aws-east, gcp-west all use ASN 64512"));
		JsonNode drift = conflicts.get("items").valueStream()
			.filter(c -> c.get("type").asString().equals("drift"))
			.findFirst()
			.orElseThrow();
		assertThat(drift.get("clusters").get(0).asString()).isEqualTo("gcp-west");
		assertThat(drift.get("explanation").asString()).contains("kubeadm serviceSubnet says 10.112.0.0/12",
				"TF IPAM k8s-service-ipam says 10.96.0.0/12");
		assertThat(conflicts.get("items").valueStream().filter(c -> c.get("type").asString().equals("overlap")))
			.allSatisfy(c -> assertThat(c.get("severity").asString()).isEqualTo("error"));
		assertThat(conflicts.findValuesAsString("type")).contains("duplicate-cluster-name");

		JsonNode plan = admin().post("/api/v1/meshes/" + meshId + "/allocations", "{}").json();
		List<String> cidrs = plan.get("clusters").findValues("allocations").stream()
			.flatMap(JsonNode::valueStream)
			.map(decision -> decision.get("cidr").asString())
			.toList();
		assertThat(cidrs).hasSize(6);
		for (int i = 0; i < cidrs.size(); i++) {
			for (int j = i + 1; j < cidrs.size(); j++) {
				assertThat(io.tfmesh.net.Cidr.parse(cidrs.get(i)).overlaps(io.tfmesh.net.Cidr.parse(cidrs.get(j))))
					.as(cidrs.get(i) + " and " + cidrs.get(j)).isFalse();
			}
		}
		List<Long> asns = plan.get("clusters").findValues("asn").stream().map(asn -> asn.get("asn").asLong()).toList();
		assertThat(asns).hasSize(2).doesNotHaveDuplicates();
		// aws-east keeps TF's service and fabric defaults, inside the default pools and now alone with them
		assertThat(plan.at("/clusters/0/clusterName").asString()).isEqualTo("aws-east");
		assertThat(plan.at("/clusters/0/allocations").findValuesAsString("decision")).containsExactly("allocated", "kept",
				"kept");
		// gcp-west's Services hold cluster IPs from kubeadm's 10.112.0.0/12, so TF is brought to it
		assertThat(plan.at("/clusters/1/allocations").findValuesAsString("decision")).containsExactly("allocated",
				"kept", "allocated");
		assertThat(plan.at("/clusters/1/allocations/1/cidr").asString()).isEqualTo("10.112.0.0/12");
		admin().delete("/api/v1/meshes/" + meshId);
	}

	@Test
	void theSeedStorysWorkloadIsThereAndItsIntentIsAcceptedOnceBothClustersAreObservedInOneMesh() throws Exception {
		assertThat(admin().post("/api/v1/sandbox/reset", "").status()).isEqualTo(200);
		JsonNode awsEast = observe("aws-east");
		JsonNode gcpWest = observe("gcp-west");
		assertThat(awsEast.get("namespaces").valueStream().map(JsonNode::asString).toList()).contains("frontend");
		JsonNode orders = gcpWest.get("services").valueStream()
			.filter(service -> service.get("name").asString().equals("orders"))
			.findFirst()
			.orElseThrow();
		assertThat(orders.get("namespace").asString()).isEqualTo("backend");
		// the emulated API server assigns it from gcp-west's kubeadm service subnet
		assertThat(io.tfmesh.net.Cidr.parse("10.112.0.0/12")
			.contains(io.tfmesh.net.Cidr.parse(orders.at("/clusterIps/0").asString() + "/32"))).isTrue();
		assertThat(orders.at("/ports/0/port").asInt()).isEqualTo(8080);
		assertThat(orders.at("/ports/0/protocol").asString()).isEqualTo("TCP");
		// kube-manager's project for each namespace, and the workload's pods on the pod network
		assertThat(get(emulated("aws-east").tungstenFabric().url() + "/projects").toString()).contains("k8s-frontend");
		assertThat(get(emulated("gcp-west").tungstenFabric().url() + "/projects").toString()).contains("k8s-backend");
		JsonNode pod = get(emulated("aws-east").kubernetes().url() + "/api/v1/namespaces/frontend/pods/frontend");
		assertThat(io.tfmesh.net.Cidr.parse(SeedStory.TF_POD_SUBNET)
			.contains(io.tfmesh.net.Cidr.parse(pod.at("/status/podIP").asString() + "/32"))).isTrue();
		assertThat(awsEast.at("/counts/pods").asLong()).isEqualTo(1);

		Api.Response mesh = admin().post("/api/v1/meshes",
				Map.of("name", unique("story"), "clusterIds", List.of(id("aws-east"), id("gcp-west"))));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		try {
			Map<String, Object> intent = new java.util.LinkedHashMap<>();
			intent.put("sourceClusterId", id("aws-east"));
			intent.put("sourceNamespace", "frontend");
			intent.put("destinationClusterId", id("gcp-west"));
			intent.put("destinationNamespace", "backend");
			intent.put("destinationService", "orders");
			intent.put("protocol", "tcp");
			intent.put("ports", List.of("8080"));
			Api.Response created = admin().post("/api/v1/intents", intent);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			assertThat(created.json().get("meshName").asString()).startsWith("story-");
			admin().delete("/api/v1/intents/" + created.json().get("id").asLong());
		}
		finally {
			admin().delete("/api/v1/meshes/" + mesh.json().get("id").asLong());
		}
	}

	private JsonNode get(String url) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	@Test
	void theSandboxApiDeletesAClustersBgpRouter() {
		EmulatedCluster gcpWest = emulated("gcp-west");
		try {
			Api.Response deleted = admin().delete("/api/v1/sandbox/clusters/gcp-west/bgp-router");
			assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
			assertThat(deleted.json().get("controlStuck").asBoolean()).isTrue();
			assertThat(gcpWest.tungstenFabric().hasBgpRouter("gcp-west-master")).isFalse();

			Api.Response again = admin().delete("/api/v1/sandbox/clusters/gcp-west/bgp-router");
			assertThat(again.status()).isEqualTo(409);
			assertThat(again.json().get("detail").asString()).isEqualTo("gcp-west-master has no bgp-router");
			assertThat(admin().delete("/api/v1/sandbox/clusters/nowhere/bgp-router").status()).isEqualTo(404);
		}
		finally {
			gcpWest.tungstenFabric()
				.provisionControl(SeedStory.TF_ASN,
						List.of(new TfConfigApiEmulator.BgpRouterSeed("gcp-west-master", NODE_PREFIX + ".11.1")));
		}
	}

	@Test
	void theScheduleObservesTheClustersAgain() {
		String first = awaitObserved("aws-east").get("observedAt").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !observed("aws-east").get("observedAt").asString().equals(first));
	}

	@Test
	void theSandboxListsItsEndpoints() {
		JsonNode clusters = admin().get("/api/v1/sandbox").json();
		assertThat(clusters.findValuesAsString("kubernetesApi")).containsExactlyInAnyOrder(
				emulated("aws-east").kubernetes().url(), emulated("gcp-west").kubernetes().url());
		assertThat(clusters.findValuesAsString("tfConfigApi")).containsExactlyInAnyOrder(
				emulated("aws-east").tungstenFabric().url(), emulated("gcp-west").tungstenFabric().url());
		JsonNode registered = cluster("gcp-west");
		assertThat(registered.at("/kubernetes/apiUrl").asString()).isEqualTo(emulated("gcp-west").kubernetes().url());
		assertThat(registered.at("/tungstenFabric/apiUrl").asString())
			.isEqualTo(emulated("gcp-west").tungstenFabric().url());
	}

	@Test
	void aClusterRegisteredElsewhereIsMovedToWhereItsEmulatorListensNow() {
		JsonNode before = cluster("aws-east");
		Map<String, Object> moved = Map.of("name", "aws-east", "cloudId", before.get("cloudId").asLong(),
				"kubernetes", Map.of("apiUrl", "http://127.0.0.1:9", "auth", "token"),
				"tungstenFabric", Map.of("apiUrl", "http://127.0.0.1:9", "auth", "noauth"),
				"controlNodes", List.of(NODE_PREFIX + ".10.1"), "labels", Map.of("sandbox", "true"),
				"version", before.get("version").asLong());
		Api.Response put = admin().put("/api/v1/clusters/" + before.get("id").asLong(), moved);
		assertThat(put.status()).as(put.toString()).isEqualTo(200);

		registration.register();

		JsonNode after = cluster("aws-east");
		assertThat(after.at("/kubernetes/apiUrl").asString()).isEqualTo(emulated("aws-east").kubernetes().url());
		assertThat(after.at("/tungstenFabric/apiUrl").asString()).isEqualTo(emulated("aws-east").tungstenFabric().url());
		assertThat(after.at("/kubernetes/tokenSet").asBoolean()).isTrue();
		assertThat(after.get("id").asLong()).isEqualTo(before.get("id").asLong());
	}

	@Test
	void thePreflightChecksFlagExactlyTheSeededProblems() {
		assertThat(admin().post("/api/v1/sandbox/reset", "").status()).isEqualTo(200);
		observeCompletely("aws-east");
		observeCompletely("gcp-west");

		JsonNode awsEast = admin().get("/api/v1/clusters/" + id("aws-east") + "/preflight").json();
		JsonNode gcpWest = admin().get("/api/v1/clusters/" + id("gcp-west") + "/preflight").json();

		assertThat(verdicts(awsEast)).as(awsEast.toString())
			.hasSize(9)
			.allSatisfy((check, verdict) -> assertThat(verdict).as(check)
				.isEqualTo(check.equals("vrouter-gateway") ? "fail" : "pass"));
		assertThat(verdicts(gcpWest)).as(gcpWest.toString())
			.hasSize(9)
			.allSatisfy((check, verdict) -> assertThat(verdict).as(check)
				.isEqualTo(check.equals("kernel-version") ? "fail" : "pass"));
		JsonNode gateway = preflightCheck(awsEast, "vrouter-gateway").get("evidence").get(0);
		assertThat(gateway.get("node").asString()).isEqualTo("aws-east-master");
		assertThat(gateway.get("value").asString()).isEqualTo(NODE_PREFIX + ".10.1");
		assertThat(gateway.get("wanted").asString()).startsWith("172.31.0.1, the underlay gateway of cloud aws");
		JsonNode kernel = preflightCheck(gcpWest, "kernel-version");
		assertThat(kernel.get("evidence").valueStream().filter(e -> e.get("verdict").asString().equals("fail")))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.get("node").asString()).isEqualTo("gcp-west-worker-1");
				assertThat(e.get("value").asString()).isEqualTo("3.10.0-862.3.2.el7.x86_64");
			});
	}

	@Test
	void contrailStatusOfTheStuckClusterReadsAsOnItsNodesLineForLine() {
		resetObservedAndPolled();

		Api.Response status = admin().header("Accept", "text/plain")
			.get("/api/v1/clusters/" + id("gcp-west") + "/contrail-status");
		assertThat(status.status()).as(status.toString()).isEqualTo(200);
		String text = status.body();

		// per node: its name and a blank line, then per pod its header, its service lines and a blank line
		List<String> lines = List.of(text.split("\n", -1));
		Pattern format = Pattern.compile(
				"Node gcp-west-(master|worker-1)|== Contrail [a-z-]+ ==|[a-z0-9-]+: (active|initializing|inactive|backup"
						+ "|timeout|unknown)( \\(.+\\))?|");
		assertThat(lines).as(text).allSatisfy(line -> assertThat(line).matches(format));
		for (int i = 0; i < lines.size() - 1; i++) {
			if (lines.get(i).startsWith("Node ")) {
				assertThat(lines.get(i + 1)).as("after " + lines.get(i)).isEmpty();
				assertThat(lines.get(i + 2)).as("after " + lines.get(i)).startsWith("== Contrail ");
			}
			if (lines.get(i).startsWith("== Contrail ")) {
				assertThat(lines.get(i + 1)).as("after " + lines.get(i)).contains(": ");
			}
			if (lines.get(i).isEmpty() && i > 0 && !lines.get(i - 1).startsWith("Node ")) {
				assertThat(lines.get(i - 1)).as("a blank line closes a pod's block").contains(": ");
			}
		}
		assertThat(text).contains("""
				== Contrail control ==
				control: initializing (No BGP configuration for self)
				nodemgr: active
				named: active
				dns: active

				""");
		assertThat(text.substring(text.indexOf("Node gcp-west-worker-1"))).isEqualTo("""
				Node gcp-west-worker-1

				== Contrail vrouter ==
				nodemgr: active
				agent: initializing (XMPP:control-node:%s.11.1 connection down, No Configuration for self)

				""".formatted(NODE_PREFIX));
	}

	@Test
	void theDiagnosesFindExactlyTheSeededControlNodeAndItsAgents() {
		resetObservedAndPolled();

		JsonNode awsEast = admin().get("/api/v1/clusters/" + id("aws-east") + "/diagnoses").json();
		JsonNode gcpWest = admin().get("/api/v1/clusters/" + id("gcp-west") + "/diagnoses").json();

		assertThat(findings(awsEast)).as(awsEast.toString()).isEmpty();
		// every agent, the master's included, lost its XMPP session and its configuration with it
		assertThat(findings(gcpWest)).as(gcpWest.toString())
			.containsExactlyInAnyOrder("no-bgp-configuration-for-self gcp-west-master",
					"xmpp-connection-down gcp-west-master", "xmpp-connection-down gcp-west-worker-1",
					"no-configuration-for-self gcp-west-master", "no-configuration-for-self gcp-west-worker-1");
		JsonNode control = gcpWest.valueStream()
			.filter(finding -> finding.get("code").asString().equals("no-bgp-configuration-for-self"))
			.findFirst()
			.orElseThrow();
		// its bgp-router exists: a stale subscription, which a restart of the control pod heals
		assertThat(control.get("severity").asString()).isEqualTo("critical");
		assertThat(control.at("/fix/kind").asString()).isEqualTo("restart-pod");
		assertThat(gcpWest.valueStream().filter(finding -> !finding.get("code").asString()
			.equals("no-bgp-configuration-for-self")))
			.as("the agents' findings point at the control node's")
			.allSatisfy(finding -> assertThat(finding.at("/fix/parameters/code").asString())
				.isIn("no-bgp-configuration-for-self", "xmpp-connection-down"));
	}

	private static List<String> findings(JsonNode diagnoses) {
		return diagnoses.valueStream()
			.map(finding -> finding.get("code").asString() + " " + finding.path("node").asString(""))
			.toList();
	}

	/**
	 * Resets the sandbox, then observes and polls both clusters, so that they read as the seed
	 * left them, for this test and for those that run after it.
	 */
	private void resetObservedAndPolled() {
		assertThat(admin().post("/api/v1/sandbox/reset", "").status()).isEqualTo(200);
		for (String cluster : List.of("aws-east", "gcp-west")) {
			observeCompletely(cluster);
			assertThat(admin().post("/api/v1/clusters/" + id(cluster) + "/health/poll", "").status()).isEqualTo(200);
		}
	}

	/** Observes until every source answered, as the preflight checks take an unread source as unknown. */
	private void observeCompletely(String cluster) {
		await().atMost(Duration.ofSeconds(30)).until(() -> observe(cluster).get("complete").asBoolean());
	}

	private static java.util.Map<String, String> verdicts(JsonNode report) {
		java.util.Map<String, String> verdicts = new java.util.LinkedHashMap<>();
		report.get("checks").forEach(check -> verdicts.put(check.get("check").asString(), check.get("verdict").asString()));
		return verdicts;
	}

	private static JsonNode preflightCheck(JsonNode report, String key) {
		return report.get("checks").valueStream()
			.filter(check -> check.get("check").asString().equals(key))
			.findFirst()
			.orElseThrow();
	}

	private EmulatedCluster emulated(String name) {
		return sandbox.cluster(name).orElseThrow();
	}

	private JsonNode cluster(String name) {
		return admin().get("/api/v1/clusters?q=" + name).json().get("items").get(0);
	}

	private static String unique(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

	private JsonNode awaitObserved(String cluster) {
		await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/v1/clusters/" + id(cluster) + "/observed").status() == 200);
		return observed(cluster);
	}

	private JsonNode observed(String cluster) {
		return admin().get("/api/v1/clusters/" + id(cluster) + "/observed").json();
	}

	private JsonNode observe(String cluster) {
		Api.Response observed = admin().post("/api/v1/clusters/" + id(cluster) + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		return observed.json();
	}

	private long id(String cluster) {
		return admin().get("/api/v1/clusters?q=" + cluster).json().get("items").get(0).get("id").asLong();
	}

	private String controlPod(String kubernetes) throws Exception {
		return pod(kubernetes, "contrail-controller-control");
	}

	private String pod(String kubernetes, String app) throws Exception {
		HttpResponse<String> pods = HTTP.send(HttpRequest
			.newBuilder(URI.create(kubernetes + "/api/v1/namespaces/kube-system/pods?labelSelector=app%3D" + app))
			.build(), HttpResponse.BodyHandlers.ofString());
		List<String> names = json.readTree(pods.body()).get("items").valueStream()
			.map(item -> item.at("/metadata/name").asString())
			.filter(name -> name.startsWith(app + "-"))
			.toList();
		assertThat(names).hasSize(1);
		return names.get(0);
	}

	private static String ipam(JsonNode state, String name) {
		for (JsonNode ipam : state.at("/tungstenFabric/networkIpams")) {
			JsonNode fqName = ipam.get("fqName");
			if (fqName.get(fqName.size() - 1).asString().equals(name)) {
				return String.join(" ", ipam.get("subnets").valueStream().map(JsonNode::asString).toList());
			}
		}
		return null;
	}

	private static JsonNode source(JsonNode state, String name) {
		for (JsonNode source : state.get("sources")) {
			if (source.get("source").asString().equals(name)) {
				return source;
			}
		}
		throw new AssertionError("no source " + name);
	}

	/** The contrail-status line of one service on one node. */
	private static String line(JsonNode state, String node, String pod, String service) {
		for (JsonNode reading : state.get("health")) {
			if (reading.get("node").asString().equals(node) && reading.get("pod").asString().equals(pod)
					&& reading.get("service").asString().equals(service)) {
				String description = reading.get("description").isNull() ? "" : reading.get("description").asString();
				return service + ": " + reading.get("state").asString()
						+ (description.isEmpty() ? "" : " (" + description + ")");
			}
		}
		throw new AssertionError("no " + pod + "/" + service + " on " + node + " in " + state.get("health"));
	}

}
