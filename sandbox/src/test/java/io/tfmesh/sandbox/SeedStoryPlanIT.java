package io.tfmesh.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.support.Api;
import io.tfmesh.support.Kubectl;
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
 * The seed story end to end through the REST API alone: two clusters installed with TF's
 * defaults become a mesh, an intent lets frontend in aws-east reach orders in gcp-west, a
 * second admin approves the plan and the workers apply it; then kubectl and the TF config API
 * show the change, and, once the pods that held the old addresses have restarted and a second
 * plan removed the freed subnets, the mesh has no conflict and no drift left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SeedStoryPlanIT {

	private static final String NODE_PREFIX = LoopbackNetworks.reserve();

	private static final String PASSWORD = "sandbox-admin-password";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	Sandbox sandbox;

	@DynamicPropertySource
	static void sandboxProperties(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-data-");
		registry.add("tfmesh.data-dir", dataDir::toString);
		registry.add("tfmesh.admin.password", () -> PASSWORD);
		registry.add("tfmesh.sandbox.base-port", () -> 0);
		registry.add("tfmesh.sandbox.node-address-prefix", () -> NODE_PREFIX);
	}

	private Api admin() {
		return new Api("http://localhost:" + port, json).basic("admin", PASSWORD);
	}

	private Api secondAdmin() {
		return new Api("http://localhost:" + port, json).basic("second-admin", PASSWORD);
	}

	@Test
	void theSeedStoryThroughTheApiAlone() throws Exception {
		long awsEast = id("aws-east");
		long gcpWest = id("gcp-west");
		observe("aws-east");
		observe("gcp-west");
		Api.Response mesh = admin().post("/api/v1/meshes",
				Map.of("name", "seed", "clusterIds", List.of(awsEast, gcpWest)));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		long meshId = mesh.json().get("id").asLong();
		Api.Response allocated = admin().post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(allocated.status()).as(allocated.toString()).isBetween(200, 201);
		Map<String, String> aws = allocations(meshId, "aws-east");
		Map<String, String> gcp = allocations(meshId, "gcp-west");

		Api.Response intent = admin().post("/api/v1/intents",
				Map.of("sourceClusterId", awsEast, "sourceNamespace", "frontend", "destinationClusterId", gcpWest,
						"destinationNamespace", "backend", "destinationService", "orders", "protocol", "tcp", "ports",
						List.of("8080")));
		assertThat(intent.status()).as(intent.toString()).isEqualTo(201);

		long plan = planAndApply(meshId);
		JsonNode applied = admin().get("/api/v1/plans/" + plan).json();
		assertThat(applied.at("/progress/done").asInt()).isEqualTo(applied.get("steps").size());
		assertThat(applied.get("steps").size()).isGreaterThan(10);

		// what an admin sees with kubectl
		String awsKubernetes = sandbox.cluster("aws-east").orElseThrow().kubernetes().url();
		String gcpKubernetes = sandbox.cluster("gcp-west").orElseThrow().kubernetes().url();
		for (var cluster : List.of(Map.entry(awsKubernetes, aws), Map.entry(gcpKubernetes, gcp))) {
			Kubectl kubectl = Kubectl.against(cluster.getKey());
			assertThat(kubectl.run("get", "configmap", "env", "-n", "kube-system", "-o",
					"jsonpath={.data.KUBERNETES_POD_SUBNETS}")).isEqualTo(cluster.getValue().get("pod"));
		}
		// aws-east keeps TF's default service range, which kube-manager's entrypoint already uses;
		// gcp-west's kube-manager is brought to kubeadm's
		assertThat(aws.get("service")).isEqualTo("10.96.0.0/12");
		assertThat(kubeManagerSetting(awsKubernetes, "KUBERNETES_SERVICE_SUBNETS")).isIn("", aws.get("service"));
		assertThat(kubeManagerSetting(gcpKubernetes, "KUBERNETES_SERVICE_SUBNETS")).isEqualTo("10.112.0.0/12");
		assertThat(kubeManagerSetting(gcpKubernetes, "KUBERNETES_IP_FABRIC_SUBNETS")).isEqualTo(gcp.get("fabric"));
		Kubectl awsKubectl = Kubectl.against(awsKubernetes);
		String ordersIp = Kubectl.against(gcpKubernetes)
			.run("get", "service", "orders", "-n", "backend", "-o", "jsonpath={.spec.clusterIP}");
		String imported = awsKubectl.run("get", "service", "-n", "frontend", "-o", "name");
		assertThat(imported).contains("service/orders-gcp-west");
		assertThat(awsKubectl.run("get", "service", "orders-gcp-west", "-n", "frontend", "-o",
				"jsonpath={.spec.ports[0].port}")).isEqualTo("8080");
		assertThat(awsKubectl.run("get", "endpointslices", "-n", "frontend", "-o",
				"jsonpath={.items[*].endpoints[*].addresses[*]}")).contains(ordersIp);

		// what the TF config API holds
		JsonNode awsTf = tf("aws-east");
		JsonNode gcpTf = tf("gcp-west");
		long awsAsn = awsTf.get("asn").asLong();
		long gcpAsn = gcpTf.get("asn").asLong();
		assertThat(awsAsn).isNotEqualTo(gcpAsn);
		// the new pod subnet comes first, so pods that start from now on take their addresses from it;
		// the old one stays while kube-dns's pods hold addresses of it
		assertThat(strings(awsTf.get("podIpam"))).containsExactly(aws.get("pod"), "10.32.0.0/12");
		assertThat(strings(gcpTf.get("podIpam"))).containsExactly(gcp.get("pod"), "10.32.0.0/12");
		assertThat(strings(gcpTf.get("serviceIpam"))).startsWith(gcp.get("service"));
		assertThat(awsTf.get("externalRouters").toString()).contains(NODE_PREFIX + ".11.1");
		assertThat(gcpTf.get("externalRouters").toString()).contains(NODE_PREFIX + ".10.1");
		assertThat(awsTf.get("peers").toString()).contains("aws-east-master");
		assertThat(gcpTf.get("peers").toString()).contains("gcp-west-master");
		List<String> awsTargets = strings(awsTf.get("podNetworkTargets"));
		List<String> gcpTargets = strings(gcpTf.get("serviceNetworkTargets"));
		assertThat(awsTargets).isNotEmpty().anyMatch(gcpTargets::contains);
		JsonNode policy = gcpTf.get("intentPolicy");
		JsonNode rule = policy.at("/network_policy_entries/policy_rule/0");
		assertThat(rule.at("/src_addresses/0/subnet/ip_prefix").asString() + "/"
				+ rule.at("/src_addresses/0/subnet/ip_prefix_len").asInt()).isEqualTo(aws.get("pod"));
		assertThat(rule.get("protocol").asString()).isEqualTo("tcp");
		assertThat(rule.at("/dst_ports/0/start_port").asInt()).isEqualTo(8080);
		assertThat(rule.at("/dst_ports/0/end_port").asInt()).isEqualTo(8080);
		assertThat(strings(gcpTf.get("serviceNetworkPolicies"))).contains(policy.get("fq_name").toString());

		// the old pod subnets still hold kube-dns's addresses: restarted, they move, and a second
		// plan removes what is free
		assertThat(admin().post("/api/v1/sandbox/clusters/aws-east/pod-network/restart", "").status()).isEqualTo(200);
		assertThat(admin().post("/api/v1/sandbox/clusters/gcp-west/pod-network/restart", "").status()).isEqualTo(200);
		observe("aws-east");
		observe("gcp-west");
		long cleanup = planAndApply(meshId);
		assertThat(admin().get("/api/v1/plans/" + cleanup).json().get("steps").findValuesAsString("objectType"))
			.containsOnly("network-ipam");

		observe("aws-east");
		observe("gcp-west");
		JsonNode conflicts = admin().get("/api/v1/meshes/" + meshId + "/conflicts").json();
		// both installs still name their TF objects k8s-…, which no plan renames: a warning, not a
		// collision of addresses or ASNs
		assertThat(conflicts.findValuesAsString("type")).as(conflicts.toString())
			.containsOnly("duplicate-cluster-name");
		Api.Response nothingLeft = admin().post("/api/v1/plans", Map.of("meshId", meshId));
		assertThat(nothingLeft.json().get("plan").isNull()).as(nothingLeft.toString()).isTrue();
	}

	private long planAndApply(long meshId) {
		Api.Response created = admin().post("/api/v1/plans", Map.of("meshId", meshId));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long plan = created.json().get("id").asLong();
		assertThat(created.json().get("state").asString()).isEqualTo("pending-approval");

		Api.Response byAuthor = admin().post("/api/v1/plans/" + plan + "/approve", "{}");
		assertThat(byAuthor.status()).as(byAuthor.toString()).isEqualTo(403);
		ensureSecondAdmin();
		Api.Response approved = secondAdmin().post("/api/v1/plans/" + plan + "/approve", "{}");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("state").asString()).isEqualTo("approved");

		Api.Response applying = admin().post("/api/v1/plans/" + plan + "/apply", "");
		assertThat(applying.status()).as(applying.toString()).isEqualTo(202);
		await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
			JsonNode state = admin().get("/api/v1/plans/" + plan).json();
			assertThat(state.get("state").asString()).as(state.toString()).isEqualTo("applied");
			// observed again after apply: nothing the plan was to change is left
			assertThat(state.get("remainingDrift").isArray()).as(state.toString()).isTrue();
			assertThat(state.get("remainingDrift")).as(state.toString()).isEmpty();
		});
		return plan;
	}

	/** What kube-manager reads: kube-manager-config comes after env in its envFrom, so it wins. */
	private static String kubeManagerSetting(String kubernetes, String key) {
		Kubectl kubectl = Kubectl.against(kubernetes);
		String own = kubectl.run("get", "configmap", "kube-manager-config", "-n", "kube-system", "-o",
				"jsonpath={.data." + key + "}");
		return own.isEmpty()
				? kubectl.run("get", "configmap", "env", "-n", "kube-system", "-o", "jsonpath={.data." + key + "}") : own;
	}

	private void ensureSecondAdmin() {
		if (secondAdmin().get("/api/v1/plans").status() == 200) {
			return;
		}
		Api.Response created = admin().post("/api/v1/users",
				Map.of("username", "second-admin", "password", PASSWORD, "role", "admin"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private Map<String, String> allocations(long meshId, String cluster) {
		Map<String, String> cidrs = new java.util.HashMap<>();
		for (JsonNode usage : admin().get("/api/v1/meshes/" + meshId + "/allocations").json().get("allocations")) {
			JsonNode allocation = usage.get("allocation");
			if (cluster.equals(allocation.path("clusterName").asString(""))) {
				cidrs.put(allocation.get("kind").asString(), allocation.get("cidr").asString());
			}
		}
		assertThat(cidrs).as(cluster).containsKeys("pod", "service", "fabric");
		return cidrs;
	}

	/** The parts of a cluster's TF configuration that the plan writes, read straight from its config API. */
	private JsonNode tf(String cluster) throws Exception {
		String url = sandbox.cluster(cluster).orElseThrow().tungstenFabric().url();
		Map<String, Object> seen = new java.util.LinkedHashMap<>();
		seen.put("asn", list(url, "global-system-config").get(0).get("autonomous_system"));
		List<JsonNode> routers = list(url, "bgp-router");
		seen.put("externalRouters", routers.stream()
			.filter(r -> r.at("/bgp_router_parameters/router_type").asString("").equals("external-control-node"))
			.map(r -> r.at("/bgp_router_parameters/address").asString())
			.toList());
		// each remote control node's bgp-router carries the peering to the local control nodes, as
		// provision_bgp.py sets it
		seen.put("peers", routers.stream()
			.filter(r -> r.at("/bgp_router_parameters/router_type").asString("").equals("external-control-node"))
			.flatMap(r -> r.path("bgp_router_refs").valueStream())
			.map(ref -> ref.get("to").toString())
			.toList());
		for (JsonNode ipam : list(url, "network-ipam")) {
			String name = ipam.get("fq_name").get(2).asString();
			if (name.endsWith("-pod-ipam")) {
				seen.put("podIpam", subnets(ipam));
			}
			if (name.endsWith("-service-ipam")) {
				seen.put("serviceIpam", subnets(ipam));
			}
		}
		for (JsonNode network : list(url, "virtual-network")) {
			String name = network.get("fq_name").get(2).asString();
			List<String> targets = strings(network.at("/route_target_list/route_target"));
			if (name.endsWith("-default-pod-network")) {
				seen.put("podNetworkTargets", targets);
			}
			if (name.endsWith("-default-service-network")) {
				seen.put("serviceNetworkTargets", targets);
				seen.put("serviceNetworkPolicies", network.path("network_policy_refs")
					.valueStream()
					.map(ref -> ref.get("to").toString())
					.toList());
			}
		}
		list(url, "network-policy").stream()
			.filter(policy -> policy.get("name").asString().startsWith("tfmesh-intent-"))
			.findFirst()
			.ifPresent(policy -> seen.put("intentPolicy", policy));
		return json.valueToTree(seen);
	}

	/** A flat-subnet IPAM's subnets in their order, as CIDRs. */
	private static List<String> subnets(JsonNode ipam) {
		return ipam.at("/ipam_subnets/subnets")
			.valueStream()
			.map(entry -> entry.at("/subnet/ip_prefix").asString() + "/" + entry.at("/subnet/ip_prefix_len").asInt())
			.toList();
	}

	private List<JsonNode> list(String url, String type) throws Exception {
		HttpResponse<String> answer = HTTP.send(
				HttpRequest.newBuilder(URI.create(url + "/" + type + "s?detail=True")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		List<JsonNode> objects = new ArrayList<>();
		json.readTree(answer.body()).get(type + "s").forEach(entry -> objects.add(entry.get(type)));
		return objects;
	}

	private static List<String> strings(JsonNode node) {
		return node == null || node.isMissingNode() ? List.of() : node.valueStream().map(JsonNode::asString).toList();
	}

	private JsonNode observe(String cluster) {
		Api.Response observed = admin().post("/api/v1/clusters/" + id(cluster) + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		assertThat(observed.json().get("complete").asBoolean()).as(observed.toString()).isTrue();
		return observed.json();
	}

	private long id(String cluster) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> admin().get("/api/v1/clusters?q=" + cluster).json().get("items").size() > 0);
		return admin().get("/api/v1/clusters?q=" + cluster).json().get("items").get(0).get("id").asLong();
	}

}
