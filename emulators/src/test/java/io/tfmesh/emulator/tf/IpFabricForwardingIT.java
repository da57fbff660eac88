package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kube-manager's provisioning under KUBERNETES_IP_FABRIC_FORWARDING, as tf-controller's
 * {@code src/container/kube-manager/kube_manager/vnc/vnc_kubernetes.py} does it:
 * {@code _provision_cluster} gives the pod network the ip-fabric IPAM, and
 * {@code _create_network} links the ip-fabric network as its provider when it creates it, and
 * only adds IPAMs to a network that exists.
 */
class IpFabricForwardingIT {

	private static final String POD_NETWORK = "default-domain:k8s-default:k8s-default-pod-network";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	private TfConfigApiEmulator emulator;

	@BeforeEach
	void start() {
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf.json"), json);
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	@Test
	void thePodNetworkReferencesTheIpFabricIpamAndNetwork() throws Exception {
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"), true);

		JsonNode pods = read("virtual-network", POD_NETWORK);
		assertThat(pods.path("network_ipam_refs").path(0).path("to").toString())
			.isEqualTo("[\"default-domain\",\"k8s-default\",\"k8s-ip-fabric-ipam\"]");
		assertThat(pods.path("network_ipam_refs").size()).isEqualTo(1);
		assertThat(pods.path("virtual_network_refs").path(0).path("to").toString())
			.isEqualTo("[\"default-domain\",\"default-project\",\"ip-fabric\"]");
		assertThat(pods.has("fabric_snat")).isFalse();
		JsonNode services = read("virtual-network", "default-domain:k8s-default:k8s-default-service-network");
		assertThat(services.path("network_ipam_refs").path(0).path("to").toString()).contains("k8s-service-ipam");
	}

	@Test
	void turningItOnLaterAddsTheIpFabricIpamNextToThePodIpam() throws Exception {
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"), true);

		JsonNode pods = read("virtual-network", POD_NETWORK);
		assertThat(pods.path("network_ipam_refs").toString()).contains("k8s-pod-ipam", "k8s-ip-fabric-ipam");
		assertThat(pods.has("virtual_network_refs")).isFalse();
	}

	private JsonNode read(String type, String fqName) throws IOException, InterruptedException {
		String names = json.writeValueAsString(List.of(fqName.split(":")));
		JsonNode id = send("POST", "/fqname-to-id", "{\"type\": \"" + type + "\", \"fq_name\": " + names + "}");
		return send("GET", "/" + type + "/" + id.path("uuid").asString(), null).path(type);
	}

	private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(emulator.url() + path))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(method + " " + path + " " + answer.body()).isEqualTo(200);
		return json.readTree(answer.body());
	}

}
