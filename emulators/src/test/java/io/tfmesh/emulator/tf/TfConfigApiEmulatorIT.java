package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator over raw HTTP: URL shapes, answers, persistence, provisioning and faults. */
class TfConfigApiEmulatorIT {

	private static final String POD_IPAM = "default-domain:k8s-default:k8s-pod-ipam";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	private Path stateFile;

	private TfConfigApiEmulator emulator;

	@BeforeEach
	void start() {
		stateFile = directory.resolve("sandbox").resolve("aws-east").resolve("tf-config.json");
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, stateFile, json);
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		emulator.provisionControl(64512, List.of(new BgpRouterSeed("aws-east-master", "127.0.10.1")));
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	@Test
	void keepsObjectsAcrossRestartsInTheStateFile() throws Exception {
		Answer created = send("POST", "/projects", "{\"project\": {\"fq_name\": [\"default-domain\", \"team-a\"],"
				+ " \"parent_type\": \"domain\"}}");
		assertThat(created.status()).isEqualTo(200);
		String uuid = created.json().path("project").path("uuid").asString();
		emulator.close();
		assertThat(stateFile).exists();

		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, stateFile, json);
		Answer project = send("GET", "/project/" + uuid, null);
		assertThat(project.status()).isEqualTo(200);
		assertThat(project.json().path("project").path("fq_name").toString())
			.isEqualTo("[\"default-domain\",\"team-a\"]");
		assertThat(subnets(POD_IPAM)).isEqualTo("[{\"subnet\":{\"ip_prefix\":\"10.32.0.0\",\"ip_prefix_len\":12}}]");
	}

	@Test
	void resetEmptiesTheStoreAndTheStateFile() throws Exception {
		emulator.reset();
		assertThat(stateFile).doesNotExist();
		assertThat(send("GET", "/projects", null).json().path("projects").size()).isZero();
		emulator.close();
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, stateFile, json);
		assertThat(send("GET", "/virtual-networks", null).json().path("virtual-networks").size()).isZero();
	}

	@Test
	void reprovisioningLeavesAnIpamThatHasSubnetsAsItIs() throws Exception {
		int objects = send("GET", "/virtual-networks", null).json().path("virtual-networks").size();
		emulator.provisionLikeKubeManager("k8s", List.of("10.48.0.0/12"), List.of("10.112.0.0/12"),
				List.of("10.80.0.0/12"));
		assertThat(subnets(POD_IPAM)).contains("\"10.32.0.0\"").doesNotContain("10.48.0.0");
		assertThat(subnets("default-domain:k8s-default:k8s-service-ipam")).contains("\"10.96.0.0\"");
		assertThat(send("GET", "/virtual-networks", null).json().path("virtual-networks").size()).isEqualTo(objects);
		JsonNode pods = read("virtual-network", "default-domain:k8s-default:k8s-default-pod-network");
		assertThat(pods.path("network_ipam_refs").size()).isEqualTo(1);
		assertThat(pods.path("network_policy_refs").size()).isEqualTo(2);

		// an IPAM without subnets is what kube-manager does fill in
		String ipam = uuid("network-ipam", POD_IPAM);
		assertThat(send("PUT", "/network-ipam/" + ipam, "{\"network-ipam\": {\"ipam_subnets\": {\"subnets\": []}}}")
			.status()).isEqualTo(200);
		emulator.provisionLikeKubeManager("k8s", List.of("10.48.0.0/12"), List.of("10.112.0.0/12"),
				List.of("10.80.0.0/12"));
		assertThat(subnets(POD_IPAM)).contains("\"10.48.0.0\"");
	}

	@Test
	void answersWithTheShapesOfContrailApi() throws Exception {
		JsonNode links = send("GET", "/", null).json().path("links");
		assertThat(links.toString()).contains("\"href\":\"" + emulator.url() + "/virtual-networks\"")
			.contains("\"rel\":\"collection\"");

		JsonNode pods = read("virtual-network", "default-domain:k8s-default:k8s-default-pod-network");
		String podsUuid = pods.path("uuid").asString();
		assertThat(pods.path("href").asString()).isEqualTo(emulator.url() + "/virtual-network/" + podsUuid);
		assertThat(pods.path("name").asString()).isEqualTo("k8s-default-pod-network");
		assertThat(pods.path("parent_type").asString()).isEqualTo("project");
		assertThat(pods.path("routing_instances").path(0).path("to").toString()).isEqualTo(
				"[\"default-domain\",\"k8s-default\",\"k8s-default-pod-network\",\"k8s-default-pod-network\"]");
		JsonNode ipamRef = pods.path("network_ipam_refs").path(0);
		assertThat(ipamRef.path("href").asString()).startsWith(emulator.url() + "/network-ipam/");
		assertThat(ipamRef.path("attr").path("ipam_subnets").path(0).path("subnet_uuid").isString()).isTrue();
		assertThat(pods.path("network_policy_refs").path(0).path("attr").toString())
			.isEqualTo("{\"sequence\":{\"major\":0,\"minor\":0}}");
		assertThat(read("network-ipam", POD_IPAM).path("virtual_network_back_refs").path(0).path("uuid").asString())
			.isEqualTo(podsUuid);

		String project = uuid("project", "default-domain:k8s-default");
		JsonNode children = send("GET", "/virtual-networks?parent_id=" + project, null).json().path("virtual-networks");
		assertThat(children.size()).isEqualTo(2);
		JsonNode detailed = send("GET", "/network-ipams?detail=True&parent_fq_name_str=default-domain:k8s-default",
				null)
			.json()
			.path("network-ipams");
		assertThat(detailed.size()).isEqualTo(3);
		assertThat(detailed.path(0).path("network-ipam").path("ipam_subnet_method").asString())
			.isEqualTo("flat-subnet");

		Answer name = send("POST", "/id-to-fqname", "{\"uuid\": \"" + podsUuid + "\"}");
		assertThat(name.json().path("type").asString()).isEqualTo("virtual-network");
	}

	@Test
	void updatesReferencesThroughRefUpdate() throws Exception {
		String pods = uuid("virtual-network", "default-domain:k8s-default:k8s-default-pod-network");
		String body = "{\"operation\": \"%s\", \"uuid\": \"" + pods + "\", \"type\": \"virtual-network\","
				+ " \"ref-type\": \"network-policy\", \"ref-fq-name\": [\"default-domain\", \"k8s-default\","
				+ " \"k8s-default-service-np\"], \"attr\": {\"sequence\": {\"major\": 0, \"minor\": 0}}}";
		assertThat(send("POST", "/ref-update", body.formatted("ADD")).json().path("uuid").asString()).isEqualTo(pods);
		assertThat(read("virtual-network", "default-domain:k8s-default:k8s-default-pod-network")
			.path("network_policy_refs").size()).isEqualTo(3);
		send("POST", "/ref-update", body.formatted("DELETE"));
		assertThat(read("virtual-network", "default-domain:k8s-default:k8s-default-pod-network")
			.path("network_policy_refs").size()).isEqualTo(2);
		Answer unknown = send("POST", "/ref-update", body.formatted("ADD").replace("k8s-default-service-np", "nope"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("Name ['default-domain', 'k8s-default', 'nope'] not found");
	}

	@Test
	void refusesAsContrailApiDoes() throws Exception {
		String router = uuid("bgp-router", "default-domain:default-project:ip-fabric:__default__:aws-east-master");
		Answer duplicate = send("POST", "/bgp-routers", "{\"bgp-router\": {\"parent_type\": \"routing-instance\","
				+ " \"fq_name\": [\"default-domain\", \"default-project\", \"ip-fabric\", \"__default__\","
				+ " \"aws-east-master\"]}}");
		assertThat(duplicate.status()).isEqualTo(409);
		// pformat puts a list wider than 80 columns one item a line
		assertThat(duplicate.body()).isEqualTo("['default-domain',\n 'default-project',\n 'ip-fabric',\n"
				+ " '__default__',\n 'aws-east-master'] already exists with uuid: " + router);

		Answer unknownType = send("GET", "/logical-routers", null);
		assertThat(unknownType.status()).isEqualTo(404);
		assertThat(unknownType.body()).isEqualTo("Resource type 'logical-router' not found");
		assertThat(send("PUT", "/virtual-network/0bad", "{\"virtual-network\": {}}").status()).isEqualTo(404);
		assertThat(send("POST", "/projects", "{\"project\": {\"parent_type\": \"domain\"}}").body())
			.isEqualTo("Bad Request, no fq_name in POST body");

		String pods = uuid("virtual-network", "default-domain:k8s-default:k8s-default-pod-network");
		Answer badTarget = send("PUT", "/virtual-network/" + pods,
				"{\"virtual-network\": {\"export_route_target_list\": {\"route_target\": [\"target:64512\"]}}}");
		assertThat(badTarget.status()).isEqualTo(400);
		assertThat(badTarget.body()).isEqualTo(RouteTargets.FORMAT);
		Answer flat = send("PUT", "/virtual-network/" + pods, "{\"virtual-network\": {\"network_ipam_refs\": [{\"to\": "
				+ "[\"default-domain\", \"k8s-default\", \"k8s-pod-ipam\"], \"attr\": {\"ipam_subnets\": [{\"subnet\":"
				+ " {\"ip_prefix\": \"10.32.0.0\", \"ip_prefix_len\": 24}}]}}]}}");
		assertThat(flat.body()).isEqualTo("with flat-subnet, network can not have user-defined subnet");

		String ipam = uuid("network-ipam", POD_IPAM);
		Answer referred = send("DELETE", "/network-ipam/" + ipam, null);
		assertThat(referred.status()).isEqualTo(409);
		assertThat(referred.body())
			.isEqualTo("Delete when resource still referred: ['" + emulator.url() + "/virtual-network/" + pods + "']");
	}

	@Test
	void deletesKubeManagersPoliciesDespiteTheirRelaxedReferences() throws Exception {
		String policy = uuid("network-policy", "default-domain:k8s-default:k8s-default-pod-service-np");
		assertThat(send("DELETE", "/network-policy/" + policy, null).status()).isEqualTo(200);
		assertThat(read("virtual-network", "default-domain:k8s-default:k8s-default-pod-network")
			.path("network_policy_refs").toString()).doesNotContain(policy);
		assertThat(send("GET", "/network-policy/" + policy, null).body()).isEqualTo("Unknown id: " + policy);
	}

	@Test
	void requiresAKeystoneTokenWhenAsked() throws Exception {
		emulator.requireKeystone("admin", "contrail123", "admin");
		assertThat(send("GET", "/projects", null).status()).isEqualTo(401);
		String auth = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\":"
				+ " \"admin\", \"domain\": {\"name\": \"Default\"}, \"password\": \"%s\"}}}, \"scope\": {\"project\":"
				+ " {\"name\": \"admin\", \"domain\": {\"name\": \"Default\"}}}}}";
		assertThat(send("POST", "/v3/auth/tokens", auth.formatted("wrong")).status()).isEqualTo(401);
		HttpResponse<String> issued = http.send(request("POST", "/v3/auth/tokens", auth.formatted("contrail123")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(issued.statusCode()).isEqualTo(201);
		String token = issued.headers().firstValue("X-Subject-Token").orElseThrow();
		HttpRequest projects = HttpRequest.newBuilder(URI.create(emulator.url() + "/projects"))
			.header("X-Auth-Token", token)
			.build();
		assertThat(http.send(projects, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		emulator.expireTokens();
		assertThat(http.send(projects, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	@Test
	void injectsFaults() throws Exception {
		int port = emulator.port();
		emulator.down(true);
		assertThatThrownBy(() -> send("GET", "/projects", null)).isInstanceOf(ConnectException.class);
		emulator.down(false);
		assertThat(emulator.port()).isEqualTo(port);
		assertThat(send("GET", "/projects", null).status()).isEqualTo(200);

		emulator.failNext(1);
		assertThat(send("GET", "/projects", null).status()).isEqualTo(503);
		assertThat(send("GET", "/projects", null).status()).isEqualTo(200);
		emulator.errorRate(1.0);
		assertThat(send("GET", "/projects", null).status()).isEqualTo(503);
		emulator.resetFaults();
		assertThat(send("GET", "/projects", null).status()).isEqualTo(200);
		assertThat(Files.readString(stateFile)).contains("k8s-default-pod-network");
	}

	private record Answer(int status, String body, JsonNode json) {
	}

	private Answer send(String method, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
		boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
		return new Answer(response.statusCode(), response.body(),
				isJson ? json.readTree(response.body()) : json.missingNode());
	}

	private HttpRequest request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(emulator.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private String uuid(String type, String fqName) throws IOException, InterruptedException {
		String names = json.writeValueAsString(List.of(fqName.split(":")));
		Answer answer = send("POST", "/fqname-to-id", "{\"type\": \"" + type + "\", \"fq_name\": " + names + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().path("uuid").asString();
	}

	private JsonNode read(String type, String fqName) throws IOException, InterruptedException {
		return send("GET", "/" + type + "/" + uuid(type, fqName), null).json().path(type);
	}

	private String subnets(String ipam) throws IOException, InterruptedException {
		return read("network-ipam", ipam).path("ipam_subnets").path("subnets").toString();
	}

}
