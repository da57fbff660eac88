package io.tfmesh.emulator.kubernetes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Write counts and faults of the emulated Kubernetes API. */
class KubernetesFaultsIT {

	private static final String NAMESPACE = "kube-system";

	private static final String ENV = "configmaps/kube-system/env";

	private static final String EXTRA = "configmaps/default/extra";

	private static final String CREATE_EXTRA = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\":"
			+ " {\"name\": \"extra\"}, \"data\": {\"a\": \"1\"}}";

	@TempDir
	Path stateDir;

	private EmulatedKubernetes kubernetes;

	private KubernetesClient client;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeEach
	void start() {
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		kubernetes.seed(Seeds.awsEast());
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url())
			.withRequestRetryBackoffLimit(0)
			.build();
		client = new KubernetesClientBuilder().withConfig(config).build();
	}

	@AfterEach
	void stop() {
		client.close();
		kubernetes.close();
	}

	@Test
	void countsEachAcceptedWriteOfAnObjectOnce() {
		// seeding is not a write of a client
		assertThat(kubernetes.writes()).isEmpty();

		client.configMaps().inNamespace(NAMESPACE).withName("env").edit(map -> new ConfigMapBuilder(map)
			.addToData("KUBERNETES_POD_SUBNETS", "10.48.0.0/12").build());
		assertThat(kubernetes.writes(ENV)).isEqualTo(1);
		client.configMaps().inNamespace(NAMESPACE).withName("env").get();
		client.configMaps().inNamespace(NAMESPACE).list();
		assertThat(kubernetes.writes(ENV)).isEqualTo(1);

		client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
			.withName("frontend").endMetadata().build()).create();
		client.services().inNamespace("frontend").resource(new ServiceBuilder().withNewMetadata()
			.withName("orders-gcp-west").endMetadata().withNewSpec().addNewPort().withPort(8080).endPort().endSpec()
			.build()).create();
		client.discovery().v1().endpointSlices().inNamespace("frontend").resource(new EndpointSliceBuilder()
			.withNewMetadata().withName("orders-gcp-west-1").endMetadata().withAddressType("IPv4").build()).create();
		// a second create is refused with AlreadyExists: not a write
		assertThatThrownBy(() -> client.services().inNamespace("frontend").resource(new ServiceBuilder()
			.withNewMetadata().withName("orders-gcp-west").endMetadata().withNewSpec().addNewPort().withPort(8080)
			.endPort().endSpec().build()).create())
			.isInstanceOfSatisfying(KubernetesClientException.class, ex -> assertThat(ex.getCode()).isEqualTo(409));
		// an invalid name is refused with 422
		assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
			.withNewMetadata().withName("Not_Valid").endMetadata().build()).create())
			.isInstanceOfSatisfying(KubernetesClientException.class, ex -> assertThat(ex.getCode()).isEqualTo(422));

		assertThat(kubernetes.writes()).isEqualTo(Map.of(ENV, 1L, "namespaces/frontend", 1L,
				"services/frontend/orders-gcp-west", 1L, "endpointslices/frontend/orders-gcp-west-1", 1L));

		kubernetes.resetFaults();
		assertThat(kubernetes.writes()).isEmpty();
	}

	@Test
	void countsADeletedPodButNotTheOneItsDaemonSetStartsInItsPlace() {
		List<String> replacements = new CopyOnWriteArrayList<>();
		kubernetes.onPodReplaced((daemonSet, node, oldPod, newPod) -> replacements.add(newPod));
		Pod manager = client.pods().inNamespace(NAMESPACE).withLabel("app", "contrail-kube-manager").list()
			.getItems()
			.get(0);
		String deleted = "pods/kube-system/" + manager.getMetadata().getName();

		client.pods().inNamespace(NAMESPACE).withName(manager.getMetadata().getName()).delete();

		await().atMost(Duration.ofSeconds(10)).until(() -> !replacements.isEmpty());
		assertThat(kubernetes.writes()).isEqualTo(Map.of(deleted, 1L));
		assertThat(kubernetes.writes("pods/kube-system/" + replacements.get(0))).isZero();
	}

	@Test
	void answers503WithAStatusAndWritesNothing() throws Exception {
		kubernetes.errorRate(1.0);

		HttpResponse<String> refused = send("POST", "/api/v1/namespaces/default/configmaps", CREATE_EXTRA);

		assertThat(refused.statusCode()).isEqualTo(503);
		JsonNode status = new JsonMapper().readTree(refused.body());
		// errors.go, NewServiceUnavailable
		assertThat(status.path("kind").asString()).isEqualTo("Status");
		assertThat(status.path("status").asString()).isEqualTo("Failure");
		assertThat(status.path("reason").asString()).isEqualTo("ServiceUnavailable");
		assertThat(status.path("code").asInt()).isEqualTo(503);
		kubernetes.errorRate(0);
		assertThat(client.configMaps().inNamespace("default").withName("extra").get()).isNull();
		assertThat(kubernetes.writes()).isEmpty();
	}

	@Test
	void failsTheNextRequestsThenAnswersAgain() throws Exception {
		kubernetes.failNext(1);

		assertThat(send("GET", "/api/v1/nodes", null).statusCode()).isEqualTo(503);
		assertThat(send("GET", "/api/v1/nodes", null).statusCode()).isEqualTo(200);
	}

	@Test
	void aTimedOutWriteClosesTheConnectionWithoutAnAnswerAndIsNotCarriedOut() {
		kubernetes.timeoutRate(1.0, Duration.ofMillis(200));

		assertThatThrownBy(() -> send("POST", "/api/v1/namespaces/default/configmaps", CREATE_EXTRA))
			.isInstanceOf(IOException.class)
			.isNotInstanceOf(HttpTimeoutException.class);

		kubernetes.timeoutRate(0, Duration.ZERO);
		assertThat(client.configMaps().inNamespace("default").withName("extra").get()).isNull();
		assertThat(kubernetes.writes()).isEmpty();
	}

	@Test
	void aHangLongerThanTheClientWaitsIsATimeoutForTheClient() {
		kubernetes.timeoutRate(1.0, Duration.ofHours(1));

		assertThatThrownBy(() -> http.send(request("GET", "/api/v1/nodes", null).timeout(Duration.ofMillis(300))
			.build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void aWriteWhoseAnswerIsLostIsCarriedOutAndItsRetryIsRefused() throws Exception {
		kubernetes.lostAnswerRate(1.0, Duration.ofMillis(100));

		assertThatThrownBy(() -> send("POST", "/api/v1/namespaces/default/configmaps", CREATE_EXTRA))
			.isInstanceOf(IOException.class)
			.isNotInstanceOf(HttpTimeoutException.class);

		kubernetes.lostAnswerRate(0, Duration.ZERO);
		assertThat(client.configMaps().inNamespace("default").withName("extra").get().getData())
			.containsEntry("a", "1");
		assertThat(kubernetes.writes(EXTRA)).isEqualTo(1);
		HttpResponse<String> retried = send("POST", "/api/v1/namespaces/default/configmaps", CREATE_EXTRA);
		assertThat(retried.statusCode()).isEqualTo(409);
		assertThat(new JsonMapper().readTree(retried.body()).path("message").asString())
			.isEqualTo("configmaps \"extra\" already exists");
		assertThat(kubernetes.writes(EXTRA)).isEqualTo(1);
	}

	@Test
	void holdsBackAnswersByTheLatency() {
		kubernetes.latency(Duration.ofSeconds(3));

		assertThatThrownBy(() -> http.send(request("GET", "/api/v1/nodes", null).timeout(Duration.ofMillis(300))
			.build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

		kubernetes.resetFaults();
		assertThat(client.nodes().list().getItems()).hasSize(2);
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		return http.send(request(method, path, body).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(kubernetes.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
	}

}
