package io.tfmesh.emulator.kubernetes;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class EmulatedKubernetesIT {

	private static final String NAMESPACE = "kube-system";

	/** The DaemonSets of tf-container-builder's kubernetes/manifests/contrail-standalone-kubernetes.yaml but the agent. */
	private static final List<String> CONTROLLER_DAEMON_SETS = List.of("contrail-controller-config",
			"contrail-controller-control", "contrail-controller-webui", "contrail-analytics", "contrail-analyticsdb",
			"contrail-analytics-alarm", "contrail-analytics-snmp", "contrail-configdb", "config-zookeeper", "rabbitmq",
			"redis", "contrail-kube-manager");

	@TempDir
	Path stateDir;

	private EmulatedKubernetes kubernetes;

	private KubernetesClient client;

	@BeforeEach
	void start() {
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		kubernetes.seed(Seeds.awsEast());
		client = client(kubernetes);
	}

	@AfterEach
	void stop() {
		client.close();
		kubernetes.close();
	}

	@Test
	void seedsWhatKubeadmAndTheSingleYamlInstallLeave() {
		ConfigMap kubeadm = configMap("kubeadm-config");
		Map<String, Object> cluster = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(kubeadm.getData().get("ClusterConfiguration"));
		assertThat(cluster).containsEntry("apiVersion", "kubeadm.k8s.io/v1beta3")
			.containsEntry("kind", "ClusterConfiguration")
			.containsEntry("kubernetesVersion", "v1.28.2")
			.containsEntry("networking",
					Map.of("podSubnet", "10.32.0.0/12", "serviceSubnet", "10.96.0.0/12", "dnsDomain", "cluster.local"));
		assertThat(configMap("env").getData()).isEqualTo(Seeds.awsEast().env())
			.containsEntry("CONTROLLER_NODES", "127.0.10.1")
			.containsEntry("VROUTER_GATEWAY", "172.31.0.1")
			.doesNotContainKeys("KUBERNETES_POD_SUBNETS", "KUBERNETES_SERVICE_SUBNETS", "KUBERNETES_IP_FABRIC_SUBNETS");
		assertThat(configMap("kube-manager-config").getData()).containsExactlyInAnyOrderEntriesOf(
				Map.of("KUBERNETES_API_SERVER", "127.0.10.1", "KUBERNETES_API_SECURE_PORT", "6443", "K8S_TOKEN_FILE",
						"/tmp/serviceaccount/token"));

		Node master = client.nodes().withName(Seeds.MASTER).get();
		assertThat(master.getMetadata().getLabels()).containsKeys("node-role.kubernetes.io/control-plane",
				"node-role.opencontrail.org/controller", "node-role.opencontrail.org/config");
		assertThat(master.getStatus().getAddresses()).extracting("type", "address")
			.containsExactly(tuple("InternalIP", "127.0.10.1"),
					tuple("Hostname", Seeds.MASTER));
		assertThat(master.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.28.2");
		assertThat(master.getStatus().getNodeInfo().getKernelVersion()).isNotBlank();
		assertThat(master.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://");
		assertThat(master.getStatus().getNodeInfo().getOsImage()).isNotBlank();
		assertThat(master.getStatus().getCapacity()).containsKeys("memory", "ephemeral-storage");
		assertThat(master.getStatus().getConditions())
			.anySatisfy(
					condition -> assertThat(condition).extracting("type", "status").containsExactly("Ready", "True"));
		Node worker = client.nodes().withName(Seeds.WORKER).get();
		assertThat(worker.getMetadata().getLabels()).containsKey("node-role.opencontrail.org/vrouter")
			.doesNotContainKeys("node-role.opencontrail.org/controller", "node-role.opencontrail.org/config");

		List<DaemonSet> daemonSets = client.apps().daemonSets().inNamespace(NAMESPACE).list().getItems();
		assertThat(daemonSets).extracting(daemonSet -> daemonSet.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(withAgent(CONTROLLER_DAEMON_SETS));
		assertThat(daemonSets).allSatisfy(daemonSet -> assertThat(daemonSet.getMetadata().getLabels())
			.containsEntry("app", daemonSet.getMetadata().getName()));

		for (DaemonSet daemonSet : daemonSets) {
			String name = daemonSet.getMetadata().getName();
			List<Pod> pods = client.pods().inNamespace(NAMESPACE).withLabel("app", name).list().getItems();
			List<String> expectedNodes = name.equals("contrail-agent") ? List.of(Seeds.MASTER, Seeds.WORKER)
					: List.of(Seeds.MASTER);
			assertThat(pods).extracting(pod -> pod.getSpec().getNodeName())
				.containsExactlyInAnyOrderElementsOf(expectedNodes);
			assertThat(pods).allSatisfy(pod -> assertRunningPodOf(pod, daemonSet));
		}
		Pod kubeManager = client.pods().inNamespace(NAMESPACE).withLabel("app", "contrail-kube-manager").list()
			.getItems()
			.get(0);
		assertThat(kubeManager.getSpec().getHostNetwork()).isTrue();
		assertThat(kubeManager.getSpec().getContainers().get(0).getEnvFrom()).extracting(EnvFromSource::getConfigMapRef)
			.extracting("name")
			.containsExactly("env", "kube-manager-config");
		// the manifest renders every ConfigMap its containers take their environment from
		List<String> configMaps = client.configMaps().inNamespace(NAMESPACE).list().getItems().stream()
			.map(configMap -> configMap.getMetadata().getName())
			.toList();
		assertThat(daemonSets).flatExtracting(daemonSet -> daemonSet.getSpec().getTemplate().getSpec().getContainers())
			.flatExtracting(container -> container.getEnvFrom() == null ? List.of() : container.getEnvFrom())
			.extracting(source -> ((EnvFromSource) source).getConfigMapRef().getName())
			.isNotEmpty()
			.allSatisfy(name -> assertThat(configMaps).contains(name));
		assertThat(configMap("configzookeeperenv").getData()).containsEntry("ZOOKEEPER_NODES", "127.0.10.1");
	}

	@Test
	void podsRunTheManifestsContainersWithTheirNodeType() {
		Pod control = pod("contrail-controller-control");
		assertThat(control.getSpec().getContainers()).extracting(container -> container.getName())
			.containsExactly("contrail-controller-control", "contrail-controller-control-dns",
					"contrail-controller-control-named", "contrail-controller-nodemgr",
					"contrail-controller-provisioner");
		Pod zookeeper = pod("config-zookeeper");
		assertThat(zookeeper.getSpec().getContainers().get(0).getEnv())
			.extracting(variable -> variable.getName() + "=" + variable.getValue())
			.containsExactly("NODE_TYPE=config-database");
		Pod agent = pod("contrail-agent");
		assertThat(agent.getSpec().getContainers()).extracting(container -> container.getName())
			.containsExactly("contrail-vrouter-agent", "contrail-agent-nodemgr");
		assertThat(agent.getSpec().getContainers().get(0).getEnvFrom()).extracting(EnvFromSource::getConfigMapRef)
			.extracting("name")
			.containsExactly("env");
	}

	@Test
	void aContainerCrashLoopsWhileItsPodKeepsRunning() {
		kubernetes.crashLoop(Seeds.MASTER, "config-zookeeper", true);

		Pod zookeeper = pod("config-zookeeper");
		assertThat(zookeeper.getStatus().getPhase()).isEqualTo("Running");
		ContainerStatus status = zookeeper.getStatus().getContainerStatuses().get(0);
		assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
		assertThat(status.getState().getWaiting().getMessage())
			.startsWith("back-off 5m0s restarting failed container=config-zookeeper pod="
					+ zookeeper.getMetadata().getName() + "_kube-system(");
		assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
		assertThat(status.getReady()).isFalse();
		assertThat(status.getRestartCount()).isEqualTo(1);
		assertThat(zookeeper.getStatus().getConditions()).filteredOn(condition -> condition.getType().equals("Ready"))
			.extracting(PodCondition::getStatus, PodCondition::getReason)
			.containsExactly(tuple("False", "ContainersNotReady"));

		kubernetes.crashLoop(Seeds.MASTER, "config-zookeeper", false);
		Pod recovered = pod("config-zookeeper");
		assertThat(recovered.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
		assertThat(recovered.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
		assertThatThrownBy(() -> kubernetes.crashLoop(Seeds.WORKER, "config-zookeeper", true))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Seeds.WORKER);
	}

	private Pod pod(String app) {
		return client.pods()
			.inNamespace(NAMESPACE)
			.withLabel("app", app)
			.list()
			.getItems()
			.stream()
			.filter(pod -> Seeds.MASTER.equals(pod.getSpec().getNodeName()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aChangeSurvivesARestartAndSeedingAgainKeepsIt() {
		client.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config")
			.edit(map -> new ConfigMapBuilder(map).addToData("KUBERNETES_POD_SUBNETS", "10.48.0.0/12").build());
		String changedVersion = configMap("kube-manager-config").getMetadata().getResourceVersion();
		List<String> pods = podNames();
		client.close();
		kubernetes.close();
		assertThat(stateDir.resolve("kubernetes.json")).isRegularFile();

		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		kubernetes.seed(Seeds.awsEast());
		client = client(kubernetes);

		ConfigMap restored = configMap("kube-manager-config");
		assertThat(restored.getData()).containsEntry("KUBERNETES_POD_SUBNETS", "10.48.0.0/12");
		assertThat(restored.getMetadata().getResourceVersion()).isEqualTo(changedVersion);
		assertThat(podNames()).containsExactlyInAnyOrderElementsOf(pods);
	}

	@Test
	void aConfigMapSavedWithAGenerationComesBackWithoutOne() throws Exception {
		client.close();
		kubernetes.close();
		Path file = stateDir.resolve("kubernetes.json");
		JsonMapper json = new JsonMapper();
		JsonNode saved = json.readTree(Files.readString(file));
		for (JsonNode entry : saved.path("objects")) {
			if (entry.path("object").path("kind").asString().equals("ConfigMap")) {
				((ObjectNode) entry.path("object").path("metadata")).put("generation", 3);
			}
		}
		Files.writeString(file, json.writeValueAsString(saved));

		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		client = client(kubernetes);

		assertThat(configMap("env").getMetadata().getGeneration()).isNull();
		assertThat(client.apps().daemonSets().inNamespace(NAMESPACE).withName("contrail-agent").get().getMetadata()
			.getGeneration()).isEqualTo(1);
	}

	@Test
	void resetPutsTheSeedBack() {
		client.configMaps().inNamespace(NAMESPACE).withName("env")
			.edit(map -> new ConfigMapBuilder(map).addToData("KUBERNETES_SERVICE_SUBNETS", "10.112.0.0/12").build());
		client.configMaps().inNamespace("default")
			.resource(new ConfigMapBuilder().withNewMetadata().withName("extra").endMetadata().build())
			.create();
		client.nodes().withName(Seeds.WORKER).delete();
		int podCount = podNames().size();

		kubernetes.reset(Seeds.awsEast());

		assertThat(configMap("env").getData()).isEqualTo(Seeds.awsEast().env());
		assertThat(client.configMaps().inNamespace("default").withName("extra").get()).isNull();
		assertThat(client.nodes().list().getItems()).hasSize(2);
		assertThat(podNames()).hasSize(podCount);
		assertThat(Files.exists(stateDir.resolve("kubernetes.json"))).isTrue();
	}

	@Test
	void kubeManagerSettingsMergeItsConfigMapsLaterWinning() {
		client.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config")
			.edit(map -> new ConfigMapBuilder(map).addToData("LOG_LEVEL", "SYS_DEBUG")
				.addToData("KUBERNETES_SERVICE_SUBNETS", "10.112.0.0/12")
				.build());

		Map<String, String> settings = kubernetes.kubeManagerSettings(NAMESPACE,
				List.of("env", "missing", "kube-manager-config"));

		assertThat(settings).containsEntry("LOG_LEVEL", "SYS_DEBUG")
			.containsEntry("KUBERNETES_SERVICE_SUBNETS", "10.112.0.0/12")
			.containsEntry("CONTROLLER_NODES", "127.0.10.1")
			.containsEntry("K8S_TOKEN_FILE", "/tmp/serviceaccount/token");
		assertThat(kubernetes.kubeManagerSettings(NAMESPACE, List.of("kube-manager-config", "env")))
			.containsEntry("LOG_LEVEL", "SYS_NOTICE");
	}

	@Test
	void answersPlainHttpAsAKubernetesApiServer() throws Exception {
		JsonNode configMaps = getJson("/api/v1/namespaces/kube-system/configmaps");
		assertThat(configMaps.path("kind").asString()).isEqualTo("ConfigMapList");
		List<String> names = new ArrayList<>();
		configMaps.path("items").forEach(item -> names.add(item.path("metadata").path("name").asString()));
		assertThat(names).contains("kubeadm-config", "env", "kube-manager-config");

		assertThat(getJson("/version").path("gitVersion").asString()).isEqualTo("v1.28.2");
		assertThat(getJson("/api").path("versions").get(0).asString()).isEqualTo("v1");
		List<String> appsResources = new ArrayList<>();
		getJson("/apis/apps/v1").path("resources")
			.forEach(resource -> appsResources.add(resource.path("name").asString()));
		assertThat(appsResources).contains("daemonsets");
	}

	@Test
	void aDeletedDaemonSetPodComesBackUnderANewNameOnTheSameNode() {
		List<List<String>> replacements = new CopyOnWriteArrayList<>();
		kubernetes.onPodReplaced((daemonSet, node, oldPod, newPod) -> replacements
			.add(List.of(daemonSet, node, oldPod, newPod)));
		Pod control = client.pods().inNamespace(NAMESPACE).withLabel("app", "contrail-controller-control").list()
			.getItems()
			.get(0);
		int podCount = podNames().size();

		client.pods().inNamespace(NAMESPACE).withName(control.getMetadata().getName()).delete();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(replacements).hasSize(1));
		List<String> replacement = replacements.get(0);
		assertThat(replacement.subList(0, 3)).containsExactly("contrail-controller-control", Seeds.MASTER,
				control.getMetadata().getName());
		String newName = replacement.get(3);
		assertThat(newName).matches("contrail-controller-control-[a-z0-9]{5}")
			.isNotEqualTo(control.getMetadata().getName());
		Pod created = client.pods().inNamespace(NAMESPACE).withName(newName).get();
		assertThat(created.getSpec().getNodeName()).isEqualTo(Seeds.MASTER);
		assertThat(created.getMetadata().getLabels()).isEqualTo(control.getMetadata().getLabels());
		assertThat(created.getMetadata().getOwnerReferences()).isEqualTo(control.getMetadata().getOwnerReferences());
		assertThat(client.pods().inNamespace(NAMESPACE).withName(control.getMetadata().getName()).get()).isNull();
		assertThat(podNames()).hasSize(podCount);
	}

	@Test
	void refusesConnectionsWhileDownAndListensOnTheSamePortAgain() throws Exception {
		int port = kubernetes.port();

		kubernetes.down(true);
		assertThatThrownBy(() -> getJson("/version")).isInstanceOf(ConnectException.class);

		kubernetes.down(false);
		assertThat(kubernetes.port()).isEqualTo(port);
		assertThat(getJson("/version").path("gitVersion").asString()).isEqualTo("v1.28.2");
	}

	@Test
	void failsAndDelaysOnDemand() throws Exception {
		kubernetes.errorRate(1.0);
		HttpResponse<String> failed = get("/api/v1/nodes", Duration.ofSeconds(10));
		assertThat(failed.statusCode()).isIn(500, 503);
		assertThat(new JsonMapper().readTree(failed.body()).path("kind").asString()).isEqualTo("Status");

		kubernetes.errorRate(0);
		kubernetes.latency(Duration.ofSeconds(3));
		assertThatThrownBy(() -> get("/api/v1/nodes", Duration.ofMillis(300)))
			.isInstanceOf(HttpTimeoutException.class);

		kubernetes.latency(Duration.ZERO);
		assertThat(get("/api/v1/nodes", Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
	}

	private static void assertRunningPodOf(Pod pod, DaemonSet daemonSet) {
		String name = daemonSet.getMetadata().getName();
		assertThat(pod.getMetadata().getName()).matches(name + "-[a-z0-9]{5}");
		assertThat(pod.getMetadata().getLabels()).containsEntry("app", name);
		OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
		assertThat(owner.getKind()).isEqualTo("DaemonSet");
		assertThat(owner.getName()).isEqualTo(name);
		assertThat(owner.getUid()).isEqualTo(daemonSet.getMetadata().getUid());
		assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
		assertThat(pod.getStatus().getConditions()).filteredOn(condition -> condition.getType().equals("Ready"))
			.extracting(PodCondition::getStatus)
			.containsExactly("True");
		assertThat(pod.getStatus().getContainerStatuses()).isNotEmpty()
			.extracting(ContainerStatus::getRestartCount)
			.containsOnly(0);
	}

	private static List<String> withAgent(List<String> controllerDaemonSets) {
		List<String> all = new ArrayList<>(controllerDaemonSets);
		all.add("contrail-agent");
		return all;
	}

	private ConfigMap configMap(String name) {
		return client.configMaps().inNamespace(NAMESPACE).withName(name).get();
	}

	private List<String> podNames() {
		return client.pods().inNamespace(NAMESPACE).list().getItems().stream().map(pod -> pod.getMetadata().getName())
			.toList();
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = get(path, Duration.ofSeconds(10));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		return new JsonMapper().readTree(response.body());
	}

	private HttpResponse<String> get(String path, Duration timeout) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		return http.send(HttpRequest.newBuilder(URI.create(kubernetes.url() + path)).timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static KubernetesClient client(EmulatedKubernetes kubernetes) {
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url())
			.withRequestRetryBackoffLimit(0)
			.build();
		return new KubernetesClientBuilder().withConfig(config).build();
	}

}
