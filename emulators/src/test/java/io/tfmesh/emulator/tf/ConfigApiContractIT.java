package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator against contrail-api's refusals in {@code config-api-refusals.json}, each
 * taken from the upstream file and function the fixture names, and the values it stores
 * instead of what it was sent.
 */
class ConfigApiContractIT {

	static final String FIXTURES = "/io/tfmesh/emulator/tf/config-api-refusals.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	private TfConfigApiEmulator emulator;

	@BeforeEach
	void start() {
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf.json"), JSON);
		emulator.provisionControl(64512, List.of(new BgpRouterSeed("contract-control", "127.0.0.1")));
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	static Stream<Arguments> refusals() throws IOException {
		try (InputStream in = ConfigApiContractIT.class.getResourceAsStream(FIXTURES)) {
			List<Arguments> cases = new ArrayList<>();
			for (JsonNode fixture : JSON.readTree(in).path("cases")) {
				cases.add(Arguments.of(Named.of(fixture.path("name").asString() + " ("
						+ fixture.path("upstream").asString() + ")", fixture)));
			}
			return cases.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void refusesWithTheStatusAndMessageOfContrailApi(JsonNode fixture) throws Exception {
		for (JsonNode setup : fixture.path("setup")) {
			Answer answer = send(setup.path("method").asString(), setup.path("path").asString(),
					setup.path("body").toString());
			assertThat(answer.status()).as("setup %s: %s", setup, answer.body()).isEqualTo(200);
		}
		JsonNode request = fixture.path("request");
		String path = request.has("path") ? request.path("path").asString()
				: "/" + request.path("type").asString() + "/"
						+ uuid(request.path("type").asString(), request.path("fq_name"));
		String before = path.startsWith("/") && request.path("method").asString().equals("PUT")
				? send("GET", path, null).body() : null;

		Answer refused = send(request.path("method").asString(), path, request.path("body").toString());

		assertThat(refused.status()).isEqualTo(fixture.path("status").asInt());
		assertThat(refused.body()).isEqualTo(fixture.path("message").asString());
		if (before != null) {
			assertThat(send("GET", path, null).body()).as("a refused update changes nothing").isEqualTo(before);
		}
	}

	@Test
	void storesRouteTargetsAsTargetAsnNumber() throws Exception {
		Answer created = send("POST", "/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\","
				+ " \"default-project\", \"blue\"], \"parent_type\": \"project\", \"route_target_list\":"
				+ " {\"route_target\": [\"target:0064513:010\", \"target:10.0.0.1:007\"]},"
				+ " \"import_route_target_list\": {\"route_target\": [\"target:64514L:5\"]}}}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String uuid = created.json().path("virtual-network").path("uuid").asString();
		assertThat(send("PUT", "/virtual-network/" + uuid, "{\"virtual-network\": {\"export_route_target_list\":"
				+ " {\"route_target\": [\"target:64515: +3\"]}}}").status()).isEqualTo(200);

		JsonNode network = send("GET", "/virtual-network/" + uuid, null).json().path("virtual-network");
		assertThat(network.path("route_target_list").path("route_target").toString())
			.isEqualTo("[\"target:64513:10\",\"target:10.0.0.1:7\"]");
		assertThat(network.path("import_route_target_list").path("route_target").toString())
			.isEqualTo("[\"target:64514:5\"]");
		assertThat(network.path("export_route_target_list").path("route_target").toString())
			.isEqualTo("[\"target:64515:3\"]");
	}

	@Test
	void givesEachNetworksRoutingInstanceARouteTargetOfTheGlobalAsn() throws Exception {
		List<String> instances = new ArrayList<>();
		for (String name : List.of("red", "green")) {
			send("POST", "/virtual-networks", "{\"virtual-network\": {\"fq_name\": [\"default-domain\","
					+ " \"default-project\", \"" + name + "\"], \"parent_type\": \"project\"}}");
			JsonNode instance = read("routing-instance", "default-domain", "default-project", name, name);
			instances.add(instance.path("route_target_refs").path(0).path("to").path(0).asString());
		}
		assertThat(instances).containsExactly("target:64512:8000000", "target:64512:8000001");
		JsonNode target = read("route-target", "target:64512:8000000");
		assertThat(target.path("routing_instance_back_refs").size()).isEqualTo(1);

		// a new global ASN gives every instance a route target of it
		String config = uuid("global-system-config", JSON.valueToTree(List.of("default-global-system-config")));
		assertThat(send("PUT", "/global-system-config/" + config,
				"{\"global-system-config\": {\"autonomous_system\": 64700}}").status()).isEqualTo(200);
		assertThat(read("routing-instance", "default-domain", "default-project", "red", "red")
			.path("route_target_refs").toString()).contains("target:64700:8000000")
			.doesNotContain("target:64512:");
	}

	@Test
	void keepsRouteTargetsVirtualRoutersAndInstanceIpsAcrossRestarts() throws Exception {
		Answer target = send("POST", "/route-targets", "{\"route-target\": {\"fq_name\": [\"target:64513:100\"]}}");
		assertThat(target.status()).as(target.body()).isEqualTo(200);
		String targetUuid = target.json().path("route-target").path("uuid").asString();
		emulator.provisionVirtualRouter("aws-east-worker-1", "127.0.10.2");
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		List<String> pods = emulator.allocatePodInstanceIps("k8s", 2);
		assertThat(pods).hasSize(2).doesNotHaveDuplicates();

		emulator.close();
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf.json"), JSON);

		assertThat(send("GET", "/route-target/" + targetUuid, null).json().path("route-target").path("name").asString())
			.isEqualTo("target:64513:100");
		JsonNode router = read("virtual-router", "default-global-system-config", "aws-east-worker-1");
		assertThat(router.path("virtual_router_ip_address").asString()).isEqualTo("127.0.10.2");
		assertThat(router.path("parent_type").asString()).isEqualTo("global-system-config");
		JsonNode addresses = send("GET", "/instance-ips?detail=True", null).json().path("instance-ips");
		List<String> stored = new ArrayList<>();
		addresses.forEach(entry -> stored.add(entry.path("instance-ip").path("instance_ip_address").asString()));
		assertThat(stored).containsExactlyInAnyOrderElementsOf(pods);
		// the next pod does not take an address a pod holds
		assertThat(emulator.allocatePodInstanceIps("k8s", 1)).doesNotContainAnyElementsOf(pods);
	}

	/**
	 * {@code global_system_config.py} {@code _check_asn}: the request's {@code enable_4byte_as}
	 * counts, and an ASN of 0 passes, since it and {@code api_server.py}
	 * {@code _validate_props_in_request} both skip a falsy value.
	 */
	@Test
	void takesAFourByteAsnWhenEnabledAndAnAsnOfZeroAsContrailApiDoes() throws Exception {
		String config = uuid("global-system-config", JSON.valueToTree(List.of("default-global-system-config")));
		Answer fourByte = send("PUT", "/global-system-config/" + config,
				"{\"global-system-config\": {\"autonomous_system\": 4200000000, \"enable_4byte_as\": true}}");
		assertThat(fourByte.status()).as(fourByte.body()).isEqualTo(200);
		assertThat(read("global-system-config", "default-global-system-config").path("autonomous_system").asLong())
			.isEqualTo(4_200_000_000L);

		assertThat(send("PUT", "/global-system-config/" + config,
				"{\"global-system-config\": {\"autonomous_system\": 0}}").status()).isEqualTo(200);
		// a false enable_4byte_as in the request is falsy too: the stored flag decides the range
		assertThat(send("PUT", "/global-system-config/" + config,
				"{\"global-system-config\": {\"autonomous_system\": 4200000000, \"enable_4byte_as\": false}}")
			.status()).isEqualTo(200);
		String router = uuid("bgp-router", JSON.valueToTree(
				List.of("default-domain", "default-project", "ip-fabric", "__default__", "contract-control")));
		Answer outOfRange = send("PUT", "/bgp-router/" + router,
				"{\"bgp-router\": {\"bgp_router_parameters\": {\"autonomous_system\": 4200000000, \"hold_time\": 90}}}");
		// but it is stored, and bgp_router.py checks against the stored flag
		assertThat(outOfRange.status()).isEqualTo(400);
		assertThat(outOfRange.body()).isEqualTo("ASN out of range, should be between 1-0xFFFF");
	}

	/**
	 * vnc_addr_mgmt.py {@code _ipam_ip_alloc}: a flat-subnet IPAM's subnets are tried in the order
	 * of {@code ipam_subnets} (an OrderedDict built by {@code _get_ipam_subnet_objs_from_ipam_uuid}),
	 * and vnc_db.py's subnet allocator hands out addresses from a subnet's end unless
	 * {@code addr_from_start} is set.
	 */
	@Test
	void restartedPodsTakeTheFirstSubnetWithFreeAddressesSoTheOldOneCanGo() throws Exception {
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		emulator.allocatePodInstanceIps("k8s", 2);
		String ipam = uuid("network-ipam", JSON.valueToTree(List.of("default-domain", "k8s-default", "k8s-pod-ipam")));
		String newFirst = "{\"network-ipam\": {\"ipam_subnets\": {\"subnets\": ["
				+ "{\"subnet\": {\"ip_prefix\": \"100.64.0.0\", \"ip_prefix_len\": 16}},"
				+ "{\"subnet\": {\"ip_prefix\": \"10.32.0.0\", \"ip_prefix_len\": 12}}]}}}";
		assertThat(send("PUT", "/network-ipam/" + ipam, newFirst).status()).isEqualTo(200);
		String onlyNew = "{\"network-ipam\": {\"ipam_subnets\": {\"subnets\": ["
				+ "{\"subnet\": {\"ip_prefix\": \"100.64.0.0\", \"ip_prefix_len\": 16}}]}}}";
		assertThat(send("PUT", "/network-ipam/" + ipam, onlyNew).status()).isEqualTo(409);

		List<String> moved = emulator.restartPodNetworkPods("k8s");

		assertThat(moved).hasSize(2).allMatch(address -> address.startsWith("100.64.255."));
		assertThat(send("PUT", "/network-ipam/" + ipam, onlyNew).status()).isEqualTo(200);
	}

	@Test
	void refusesAnAddressInUse() throws Exception {
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		String held = emulator.allocatePodInstanceIps("k8s", 1).get(0);
		Answer taken = send("POST", "/instance-ips", "{\"instance-ip\": {\"fq_name\": [\"again\"],"
				+ " \"instance_ip_address\": \"" + held + "\", \"virtual_network_refs\": [{\"to\": [\"default-domain\","
				+ " \"k8s-default\", \"k8s-default-pod-network\"]}]}}");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.body()).isEqualTo("IP address already in use");
		// vnc_addr_mgmt.py _net_ip_alloc_req: no subnet of the network holds the address
		Answer outside = send("POST", "/instance-ips", "{\"instance-ip\": {\"fq_name\": [\"outside\"],"
				+ " \"instance_ip_address\": \"192.0.2.1\", \"virtual_network_refs\": [{\"to\": [\"default-domain\","
				+ " \"k8s-default\", \"k8s-default-pod-network\"]}]}}");
		assertThat(outside.status()).isEqualTo(400);
		assertThat(outside.body())
			.isEqualTo("Virtual-Network(['default-domain', 'k8s-default', 'k8s-default-pod-network']) has no defined subnets");
	}

	private record Answer(int status, String body, JsonNode json) {
	}

	private Answer send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
		return new Answer(response.statusCode(), response.body(),
				isJson ? JSON.readTree(response.body()) : JSON.missingNode());
	}

	private String uuid(String type, JsonNode fqName) throws IOException, InterruptedException {
		Answer answer = send("POST", "/fqname-to-id", "{\"type\": \"" + type + "\", \"fq_name\": " + fqName + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().path("uuid").asString();
	}

	private JsonNode read(String type, String... fqName) throws IOException, InterruptedException {
		return send("GET", "/" + type + "/" + uuid(type, JSON.valueToTree(List.of(fqName))), null).json().path(type);
	}

}
