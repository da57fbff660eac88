package io.tfmesh.observe;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each consumer's effective settings, IP fabric forwarding and unknown values, read from emulated
 * clusters over HTTP and carried into the mesh's conflicts and allocations.
 */
class EffectiveSettingsIT extends IntegrationTestSupport {

	private static final String NETWORK = LoopbackNetworks.reserve();

	private static final List<AutoCloseable> STARTED = new ArrayList<>();

	private static Path state;

	@BeforeAll
	static void stateDir() throws IOException {
		state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "effective-settings-");
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable started : STARTED) {
			started.close();
		}
	}

	@Test
	void aPodSubnetSetOnlyInKubeManagerConfigIsDriftBetweenKubeManagerAndTheAgents() {
		Map<String, String> kubeManagerConfig = new LinkedHashMap<>(KubernetesSeed.kubeManagerConfig(master(1)));
		kubeManagerConfig.put("KUBERNETES_POD_SUBNETS", "10.48.0.0/12");
		EmulatedKubernetes kubernetes = kubernetes(1, "10.244.0.0/16", "10.96.0.0/12", env(master(1), false),
				kubeManagerConfig);
		upstreamAgentDaemonSet(kubernetes);
		TfConfigApiEmulator tf = tf(1);
		tf.provisionLikeKubeManager("k8s", List.of("10.48.0.0/12"), List.of("10.96.0.0/12"), List.of("10.64.0.0/12"));
		tf.provisionControl(64601, List.of());
		long cluster = register(kubernetes, tf, 64601);

		JsonNode observed = observe(cluster);

		assertThat(setting(observed, "kubeManager", "KUBERNETES_POD_SUBNETS"))
			.isEqualTo("10.48.0.0/12 configmap/kube-manager-config");
		assertThat(setting(observed, "vrouterAgent", "KUBERNETES_POD_SUBNETS")).isEqualTo("10.32.0.0/12 entrypoint default");
		assertThat(setting(observed, "vrouterAgent", "CLOUD_ORCHESTRATOR")).isEqualTo("kubernetes configmap/env");
		assertThat(observed.get("settingDrift")).hasSize(1);
		assertThat(observed.at("/settingDrift/0/key").asString()).isEqualTo("KUBERNETES_POD_SUBNETS");
		assertThat(observed.at("/settingDrift/0/vrouterAgentOrigin").asString()).isEqualTo("entrypoint default");

		long mesh = mesh(List.of(cluster));
		JsonNode conflicts = api.asAdmin().get("/api/v1/meshes/" + mesh + "/conflicts").json();
		assertThat(conflicts.toString()).contains("vrouter agent KUBERNETES_POD_SUBNETS=10.32.0.0/12 (entrypoint default)",
				"kube-manager KUBERNETES_POD_SUBNETS=10.48.0.0/12 (configmap/kube-manager-config)");
		assertThat(conflicts.findValuesAsString("type")).contains("drift");
	}

	@Test
	void aClusterWithIpFabricForwardingHasItsPodsAndItsPlanInTheIpFabricRange() {
		EmulatedKubernetes kubernetes = kubernetes(2, "10.244.0.0/16", "10.96.0.0/12", env(master(2), true),
				KubernetesSeed.kubeManagerConfig(master(2)));
		TfConfigApiEmulator tf = tf(2);
		// kube-manager's _provision_cluster with ip_fabric_forwarding: the pod network takes the ip-fabric IPAM
		tf.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"), List.of("10.64.0.0/12"),
				true);
		tf.provisionControl(64602, List.of());
		long cluster = register(kubernetes, tf, 64602);

		JsonNode observed = observe(cluster);

		assertThat(observed.at("/forwarding/mode").asString()).isEqualTo("on");
		assertThat(observed.at("/forwarding/setting").asString()).isEqualTo("true");
		assertThat(observed.at("/forwarding/podNetworkIpams").toString()).isEqualTo("[\"k8s-ip-fabric-ipam\"]");
		assertThat(observed.at("/forwarding/podSubnets").toString()).isEqualTo("[\"10.64.0.0/12\"]");
		assertThat(setting(observed, "kubeManager", "KUBERNETES_POD_SUBNETS")).isEqualTo("10.32.0.0/12 entrypoint default");

		long mesh = mesh(List.of(cluster));
		Api.Response allocated = api.asAdmin()
			.post("/api/v1/meshes/" + mesh + "/allocations", Map.of("kinds", List.of("pod")));
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
		assertThat(allocated.json().at("/clusters/0/allocations/0/cidr").asString()).isEqualTo("10.64.0.0/12");
		assertThat(allocated.json().at("/clusters/0/allocations/0/decision").asString()).isEqualTo("kept");

		String page = new PageSession(port).get("/clusters/" + cluster + "/observed");
		assertThat(page).containsPattern("id=\"forwarding-mode\"[^>]*>on<")
			.containsPattern("id=\"forwarding-pod-range\"[^>]*>10.64.0.0/12<");
	}

	@Test
	void valuesOfAConfigApiThatIsDownAreUnknownAndBuildNoConflict() {
		TfConfigApiEmulator tf = tf(3);
		tf.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"), List.of("10.64.0.0/12"));
		tf.down(true);
		long cloud = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		long first = register(cloud, kubernetes(3, "10.244.0.0/16", "10.100.0.0/16", env(master(3), false),
				KubernetesSeed.kubeManagerConfig(master(3))), tf, 64603);
		long second = register(cloud, kubernetes(4, "10.245.0.0/16", "10.101.0.0/16", env(master(4), false),
				KubernetesSeed.kubeManagerConfig(master(4))), tf, 64604);

		JsonNode observed = observe(first);
		observe(second);

		assertThat(observed.get("complete").asBoolean()).isFalse();
		assertThat(observed.get("tungstenFabric").isNull()).isTrue();
		assertThat(observed.at("/forwarding/mode").asString()).isEqualTo("unknown");
		assertThat(observed.at("/forwarding/podSubnets")).isEmpty();
		assertThat(observed.get("unknown").toString()).contains("\"tungstenFabric\"", "\"forwarding.mode\"",
				"\"forwarding.podSubnets\"");
		// the ConfigMaps were read: kube-manager's own defaults are facts, TF's IPAMs are not
		assertThat(setting(observed, "kubeManager", "KUBERNETES_POD_SUBNETS")).isEqualTo("10.32.0.0/12 entrypoint default");

		String page = new PageSession(port).get("/clusters/" + first + "/observed");
		assertThat(page).contains("id=\"observed-incomplete\"", "tungsten-fabric/config-api failed (UNREACHABLE)")
			.containsPattern("id=\"forwarding-mode\"[^>]*>unknown<")
			.containsPattern("id=\"forwarding-pod-range\"[^>]*>unknown<")
			.containsPattern("(?s)id=\"subnet-service\".*?>unknown</span>");

		long mesh = mesh(List.of(first, second));
		JsonNode conflicts = api.asAdmin().get("/api/v1/meshes/" + mesh + "/conflicts").json();
		assertThat(conflicts.findValuesAsString("type")).containsExactly("incomplete", "incomplete");
		assertThat(conflicts.toString()).doesNotContain("entrypoint default", "TF IPAM");
	}

	private static Map<String, String> env(String controller, boolean ipFabricForwarding) {
		Map<String, String> env = new LinkedHashMap<>(KubernetesSeed.standaloneEnv(controller, "10.0.0.1", "eth0"));
		env.put("KUBERNETES_IP_FABRIC_FORWARDING", String.valueOf(ipFabricForwarding));
		return env;
	}

	private static String master(int index) {
		return NETWORK + "." + index + ".1";
	}

	private static EmulatedKubernetes kubernetes(int index, String podSubnet, String serviceSubnet,
			Map<String, String> env, Map<String, String> kubeManagerConfig) {
		EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state.resolve("k8s-" + index));
		STARTED.add(kubernetes);
		kubernetes.seed(new KubernetesSeed("v1.28.15", podSubnet, serviceSubnet, "cluster.local",
				List.of(new SeedNode("settings-" + index, master(index),
						List.of("control-plane", "opencontrail.org/controller", "opencontrail.org/config"))),
				env, kubeManagerConfig));
		return kubernetes;
	}

	private static TfConfigApiEmulator tf(int index) {
		TfConfigApiEmulator tf = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf-" + index + ".json"),
				JsonMapper.builder().build());
		STARTED.add(tf);
		return tf;
	}

	/**
	 * The agent's DaemonSet as {@code contrail-standalone-kubernetes.yaml} (tf-container-builder
	 * {@code kubernetes/manifests/}) has it: its contrail-vrouter-agent container reads only {@code env}.
	 */
	private static void upstreamAgentDaemonSet(EmulatedKubernetes kubernetes) {
		try (KubernetesClient client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url()).build())
			.build()) {
			DaemonSet agent = client.apps().daemonSets().inNamespace("kube-system").withName("contrail-agent").get();
			agent.getSpec()
				.getTemplate()
				.getSpec()
				.setContainers(List.of(new ContainerBuilder().withName("contrail-vrouter-agent")
					.withImage("contrail-vrouter-agent")
					.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName("env").endConfigMapRef().build())
					.build()));
			agent.getMetadata().setResourceVersion(null);
			client.apps().daemonSets().inNamespace("kube-system").resource(agent).update();
		}
	}

	private long register(EmulatedKubernetes kubernetes, TfConfigApiEmulator tf, long asn) {
		return register(Fixtures.createCloud(api.asAdmin(), unique("cloud")), kubernetes, tf, asn);
	}

	private long register(long cloudId, EmulatedKubernetes kubernetes, TfConfigApiEmulator tf, long asn) {
		Api admin = api.asAdmin();
		Map<String, Object> cluster = Fixtures.cluster(unique("settings"), cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tf.url(), "auth", "noauth"));
		cluster.put("bgpAsn", asn);
		Api.Response created = admin.post("/api/v1/clusters", cluster);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/**
	 * Observes until every Kubernetes source answered within the observation's bound, which a
	 * first connection on a busy machine can miss.
	 */
	private JsonNode observe(long cluster) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + cluster + "/observe", "");
			assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
			return observed.json();
		}, state -> {
			for (JsonNode source : state.get("sources")) {
				if (source.get("source").asString().startsWith("kubernetes/")
						&& !source.get("status").asString().equals("ok")) {
					return false;
				}
			}
			return true;
		});
	}

	private long mesh(List<Long> members) {
		Api.Response created = api.asAdmin()
			.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", members, "pools",
					List.of(Map.of("kind", "pod", "cidr", "10.0.0.0/9", "defaultPrefixLength", 16),
							Map.of("kind", "service", "cidr", "10.128.0.0/11", "defaultPrefixLength", 20),
							Map.of("kind", "fabric", "cidr", "10.160.0.0/11", "defaultPrefixLength", 20))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private static String setting(JsonNode state, String consumer, String key) {
		for (JsonNode setting : state.get(consumer)) {
			if (setting.get("key").asString().equals(key)) {
				return setting.get("value").asString() + " " + setting.get("origin").asString();
			}
		}
		throw new AssertionError("no setting " + key + " of " + consumer + " in " + state.get(consumer));
	}

	/** The admin logged in through the login form, as a browser is. */
	private static final class PageSession {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newHttpClient();

		private final String base;

		private String cookie = "";

		PageSession(int port) {
			this.base = "http://localhost:" + port;
			Matcher csrf = CSRF.matcher(send(HttpRequest.newBuilder(URI.create(base + "/login")).GET()).body());
			assertThat(csrf.find()).as("CSRF token of the login page").isTrue();
			String form = "username=" + encode(ADMIN) + "&password=" + encode(ADMIN_PASSWORD) + "&_csrf="
					+ encode(csrf.group(1));
			HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			assertThat(login.statusCode()).isEqualTo(302);
		}

		String get(String path) {
			HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			return page.body();
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			if (!cookie.isEmpty()) {
				request.header("Cookie", cookie);
			}
			try {
				HttpResponse<String> response = http.send(request.header("Accept", "text/html").build(),
						HttpResponse.BodyHandlers.ofString());
				response.headers()
					.allValues("Set-Cookie")
					.stream()
					.filter(value -> value.startsWith("JSESSIONID="))
					.findFirst()
					.ifPresent(value -> cookie = value.substring(0, value.indexOf(';')));
				return response;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
