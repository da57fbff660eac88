package io.tfmesh.fabric.kubernetes;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The connector against an emulated cluster's Kubernetes API, over HTTP. */
class KubernetesConnectorIT {

	private static final String NAMESPACE = "kube-system";

	private static final String TOKEN = "token-4f1d2a-do-not-print";

	private static final String KUBECONFIG_TOKEN = "kubeconfig-token-9b7c-do-not-print";

	@TempDir
	Path stateDir;

	private EmulatedKubernetes kubernetes;

	private KubernetesConnectors connectors;

	private KubernetesClient admin;

	enum Credentials {

		TOKEN, KUBECONFIG

	}

	@BeforeEach
	void start() {
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		kubernetes.seed(Seeds.awsEast());
		connectors = new KubernetesConnectors(FabricSettings.defaults());
		admin = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url()).build())
			.build();
	}

	@AfterEach
	void stop() {
		admin.close();
		connectors.close();
		kubernetes.close();
	}

	@ParameterizedTest
	@EnumSource(Credentials.class)
	void readsKubeadmsClusterConfiguration(Credentials credentials) {
		KubeadmConfig config = connector(credentials).kubeadmConfig().orElseThrow();

		assertThat(config.podSubnet()).isEqualTo("10.32.0.0/12");
		assertThat(config.serviceSubnet()).isEqualTo("10.96.0.0/12");
		assertThat(config.kubernetesVersion()).isEqualTo("v1.28.2");
		assertThat(config.dnsDomain()).isEqualTo("cluster.local");
		assertThat(config.resourceVersion()).isEqualTo(resourceVersion("kubeadm-config"));
	}

	@Test
	void hasNoKubeadmConfigWhenKubeadmDidNotSetUpTheCluster() {
		admin.configMaps().inNamespace(NAMESPACE).withName("kubeadm-config").delete();

		assertThat(connector(Credentials.TOKEN).kubeadmConfig()).isEmpty();
	}

	@Test
	void reportsAClusterConfigurationThatIsNotYaml() {
		admin.configMaps().inNamespace(NAMESPACE).withName("kubeadm-config")
			.edit(map -> new ConfigMapBuilder(map).addToData("ClusterConfiguration", "networking: [podSubnet: ")
				.build());

		assertThatThrownBy(() -> connector(Credentials.TOKEN).kubeadmConfig()).isInstanceOfSatisfying(
				FabricException.class, ex -> assertFailure(ex, Kind.INVALID_RESPONSE, 0));
	}

	@ParameterizedTest
	@EnumSource(Credentials.class)
	void readsConfigMapsInOrderLeavingOutMissingOnes(Credentials credentials) {
		List<ConfigMapData> maps = connector(credentials).configMaps(NAMESPACE,
				List.of("kube-manager-config", "no-such-map", "env"));

		assertThat(maps).extracting(ConfigMapData::name).containsExactly("kube-manager-config", "env");
		assertThat(maps.get(0).namespace()).isEqualTo(NAMESPACE);
		assertThat(maps.get(0).data()).containsEntry("K8S_TOKEN_FILE", "/tmp/serviceaccount/token");
		assertThat(maps.get(1).data()).isEqualTo(Seeds.awsEast().env());
		assertThat(maps.get(1).resourceVersion()).isEqualTo(resourceVersion("env"));
	}

	@ParameterizedTest
	@EnumSource(Credentials.class)
	void readsNodesWithRolesVersionsCapacityAndReadiness(Credentials credentials) {
		List<NodeInfo> nodes = connector(credentials).nodes();

		assertThat(nodes).extracting(NodeInfo::name).containsExactly(Seeds.MASTER, Seeds.WORKER);
		NodeInfo master = nodes.get(0);
		assertThat(master.roles()).containsExactlyInAnyOrder("control-plane", "opencontrail.org/config",
				"opencontrail.org/controller");
		assertThat(master.addresses()).containsExactly(new NodeAddress("InternalIP", "127.0.10.1"),
				new NodeAddress("Hostname", Seeds.MASTER));
		assertThat(master.kubeletVersion()).isEqualTo("v1.28.2");
		assertThat(master.kernelVersion()).isEqualTo("5.4.0-182-generic");
		assertThat(master.containerRuntimeVersion()).isEqualTo("containerd://1.6.28");
		assertThat(master.osImage()).isEqualTo("Ubuntu 20.04.6 LTS");
		assertThat(master.memoryCapacity()).isEqualTo("16265368Ki");
		assertThat(master.ephemeralStorageCapacity()).isEqualTo("101430960Ki");
		assertThat(master.ready()).isTrue();
		assertThat(master.labels()).containsEntry("kubernetes.io/hostname", Seeds.MASTER);
		assertThat(nodes.get(1).roles()).containsExactly("opencontrail.org/vrouter");
	}

	@Test
	void listsOnlyTungstenFabricPodsWithTheirState() {
		admin.pods().inNamespace(NAMESPACE).resource(pod("coredns-5d78c9869d-x2bkq", Map.of("k8s-app", "kube-dns")))
			.create();
		admin.pods().inNamespace(NAMESPACE).resource(pod("redis-0", Map.of("app", "redis"))).create();
		admin.pods().inNamespace(NAMESPACE)
			.resource(pod("rabbitmq-0", Map.of("app", "rabbitmq", "tier", "contrail-configdb")))
			.create();
		Pod restarting = new PodBuilder(pod("contrail-status-check", Map.of())).withNewStatus()
			.withPhase("Running")
			.addNewCondition()
			.withType("Ready")
			.withStatus("False")
			.endCondition()
			.addNewContainerStatus()
			.withName("a")
			.withRestartCount(2)
			.endContainerStatus()
			.addNewContainerStatus()
			.withName("b")
			.withRestartCount(3)
			.endContainerStatus()
			.endStatus()
			.build();
		admin.pods().inNamespace(NAMESPACE).resource(restarting).create();

		List<PodInfo> pods = connector(Credentials.TOKEN).tfPods(NAMESPACE);

		assertThat(pods).extracting(PodInfo::name)
			.contains("rabbitmq-0", "contrail-status-check")
			.doesNotContain("coredns-5d78c9869d-x2bkq", "redis-0")
			.hasSize(14 + 2);
		PodInfo control = pods.stream().filter(pod -> pod.name().startsWith("contrail-controller-control-")).findFirst()
			.orElseThrow();
		assertThat(control.namespace()).isEqualTo(NAMESPACE);
		assertThat(control.labels()).containsEntry("app", "contrail-controller-control");
		assertThat(control.phase()).isEqualTo("Running");
		assertThat(control.ready()).isTrue();
		assertThat(control.restarts()).isZero();
		assertThat(control.nodeName()).isEqualTo(Seeds.MASTER);
		assertThat(control.ownerKind()).isEqualTo("DaemonSet");
		assertThat(control.ownerName()).isEqualTo("contrail-controller-control");
		assertThat(control.createdAt()).isNotNull();
		PodInfo status = pods.stream()
			.filter(pod -> pod.name().equals("contrail-status-check"))
			.findFirst()
			.orElseThrow();
		assertThat(status.ready()).isFalse();
		assertThat(status.restarts()).isEqualTo(5);
		assertThat(status.ownerKind()).isNull();
		assertThat(pods.stream().filter(pod -> pod.name().startsWith("contrail-agent-"))).extracting(PodInfo::nodeName)
			.containsExactlyInAnyOrder(Seeds.MASTER, Seeds.WORKER);
	}

	@Test
	void patchesOnlyTheGivenKeysOfAConfigMap() {
		KubernetesConnector connector = connector(Credentials.TOKEN);
		ConfigMapData before = connector.configMaps(NAMESPACE, List.of("kube-manager-config")).get(0);

		ConfigMapData after = connector.patchConfigMap(NAMESPACE, "kube-manager-config", before.resourceVersion(),
				Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/12", "KUBERNETES_API_SECURE_PORT", "6444"));

		assertThat(after.data()).containsEntry("KUBERNETES_POD_SUBNETS", "10.48.0.0/12")
			.containsEntry("KUBERNETES_API_SECURE_PORT", "6444")
			.containsEntry("K8S_TOKEN_FILE", "/tmp/serviceaccount/token")
			.hasSize(4);
		assertThat(after.resourceVersion()).isNotEqualTo(before.resourceVersion());
		assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config").get().getData())
			.isEqualTo(after.data());
	}

	@Test
	void refusesToPatchAConfigMapThatChangedSinceItWasRead() {
		KubernetesConnector connector = connector(Credentials.TOKEN);
		ConfigMapData read = connector.configMaps(NAMESPACE, List.of("kube-manager-config")).get(0);
		admin.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config")
			.edit(map -> new ConfigMapBuilder(map).addToData("KUBERNETES_SERVICE_SUBNETS", "10.112.0.0/12").build());
		Map<String, String> current = admin.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config").get()
			.getData();

		assertThatThrownBy(() -> connector.patchConfigMap(NAMESPACE, "kube-manager-config", read.resourceVersion(),
				Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/12")))
			.isInstanceOfSatisfying(FabricException.class, ex -> {
				assertFailure(ex, Kind.CONFLICT, 409);
				assertThat(ex.getMessage()).contains("kube-system/kube-manager-config", read.resourceVersion())
					// the API server's own words, as in errors.go NewConflict
					.contains("Operation cannot be fulfilled on configmaps \"kube-manager-config\": "
							+ "the object has been modified; please apply your changes to the latest version and try again");
			});
		assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("kube-manager-config").get().getData())
			.isEqualTo(current)
			.doesNotContainKey("KUBERNETES_POD_SUBNETS");
	}

	@Test
	void cannotPatchAConfigMapThatDoesNotExist() {
		assertThatThrownBy(() -> connector(Credentials.TOKEN).patchConfigMap(NAMESPACE, "no-such-map", "1",
				Map.of("A", "b")))
			.isInstanceOfSatisfying(FabricException.class, ex -> {
				assertFailure(ex, Kind.NOT_FOUND, 404);
				// errors.go NewNotFound, as the emulated API server answers it
				assertThat(ex.getMessage()).isEqualTo(
						"patch ConfigMap kube-system/no-such-map: HTTP 404 (configmaps \"no-such-map\" not found)");
			});
	}

	@Test
	void deletesAPodThatItsDaemonSetReplacesUnderANewName() {
		List<String> replaced = new CopyOnWriteArrayList<>();
		kubernetes.onPodReplaced((daemonSet, node, oldPod, newPod) -> replaced.add(newPod));
		KubernetesConnector connector = connector(Credentials.KUBECONFIG);
		PodInfo control = connector.tfPods(NAMESPACE).stream()
			.filter(pod -> "contrail-controller-control".equals(pod.ownerName()))
			.findFirst()
			.orElseThrow();

		connector.deletePod(NAMESPACE, control.name());

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(replaced).hasSize(1));
		List<PodInfo> controls = connector.tfPods(NAMESPACE).stream()
			.filter(pod -> "contrail-controller-control".equals(pod.ownerName()))
			.toList();
		assertThat(controls).extracting(PodInfo::name).containsExactly(replaced.get(0));
		assertThat(controls.get(0).name()).isNotEqualTo(control.name()).startsWith("contrail-controller-control-");
		assertThat(controls.get(0).nodeName()).isEqualTo(control.nodeName());
		assertThat(controls.get(0).ready()).isTrue();
	}

	@Test
	void cannotDeleteAPodThatDoesNotExist() {
		assertThatThrownBy(() -> connector(Credentials.TOKEN).deletePod(NAMESPACE, "contrail-controller-control-zzzzz"))
			.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.NOT_FOUND, 404));
	}

	@Test
	void appliesASelectorlessServiceWithItsEndpointSlicesAndUpdatesThem() {
		KubernetesConnector connector = connector(Credentials.TOKEN);
		ServiceExport export = new ServiceExport("default", "web-gcp-west",
				List.of(new ServicePort("http", "TCP", 80, 8080)), List.of("10.112.0.10", "10.112.0.11"),
				Map.of("tfmesh.io/mesh", "prod"));

		connector.applyService(export);

		Service service = admin.services().inNamespace("default").withName("web-gcp-west").get();
		assertThat(service.getSpec().getSelector()).isNullOrEmpty();
		assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "tfmesh")
			.containsEntry("tfmesh.io/mesh", "prod");
		assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getName()).isEqualTo("http");
			assertThat(port.getPort()).isEqualTo(80);
			assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080);
		});
		EndpointSlice ipv4 = slice("web-gcp-west-ipv4");
		assertThat(ipv4.getAddressType()).isEqualTo("IPv4");
		assertThat(ipv4.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web-gcp-west")
			.containsEntry("app.kubernetes.io/managed-by", "tfmesh");
		assertThat(ipv4.getEndpoints()).flatExtracting(Endpoint::getAddresses)
			.containsExactly("10.112.0.10", "10.112.0.11");
		assertThat(ipv4.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
		assertThat(ipv4.getMetadata().getOwnerReferences()).singleElement()
			.satisfies(owner -> assertThat(owner.getUid()).isEqualTo(service.getMetadata().getUid()));

		connector.applyService(new ServiceExport("default", "web-gcp-west",
				List.of(new ServicePort("https", "TCP", 443, 8443)), List.of("10.112.0.12", "fd00:112::12"),
				Map.of()));

		Service updated = admin.services().inNamespace("default").withName("web-gcp-west").get();
		assertThat(updated.getSpec().getPorts()).extracting("name", "port").containsExactly(
				tuple("https", 443));
		assertThat(updated.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "tfmesh")
			.doesNotContainKey("tfmesh.io/mesh");
		assertThat(slice("web-gcp-west-ipv4").getEndpoints()).flatExtracting(Endpoint::getAddresses)
			.containsExactly("10.112.0.12");
		EndpointSlice ipv6 = slice("web-gcp-west-ipv6");
		assertThat(ipv6.getAddressType()).isEqualTo("IPv6");
		assertThat(ipv6.getEndpoints()).flatExtracting(Endpoint::getAddresses).containsExactly("fd00:112::12");
		assertThat(ipv6.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(8443));
	}

	@Test
	void leavesAServiceItDoesNotManageAlone() {
		admin.services().inNamespace("default")
			.resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
				.addToSelector("app", "web")
				.endSpec()
				.build())
			.create();

		assertThatThrownBy(() -> connector(Credentials.TOKEN).applyService(
				new ServiceExport("default", "web", List.of(new ServicePort("http", "TCP", 80, 80)),
						List.of("10.112.0.10"), Map.of())))
			.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.CONFLICT, 0));
		assertThat(admin.services().inNamespace("default").withName("web").get().getSpec().getSelector())
			.containsEntry("app", "web");
	}

	@Test
	void refusesAnEndpointAddressThatIsNoIpAddress() {
		assertThatThrownBy(() -> connector(Credentials.TOKEN).applyService(new ServiceExport("default", "web",
				List.of(new ServicePort("http", "TCP", 80, 80)), List.of("web.example.com"), Map.of())))
			.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.BAD_REQUEST, 0));
		assertThat(admin.services().inNamespace("default").withName("web").get()).isNull();
	}

	@Test
	void isUnreachableWhileTheApiIsDown() {
		KubernetesConnector connector = connector(Credentials.TOKEN);
		kubernetes.down(true);

		assertThatThrownBy(connector::nodes)
			.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.UNREACHABLE, 0));

		kubernetes.down(false);
		assertThat(connector.nodes()).hasSize(2);
	}

	@Test
	void timesOutWithinTheRequestTimeout() {
		FabricSettings impatient = new FabricSettings(Duration.ofSeconds(3), Duration.ofMillis(300), 0,
				Duration.ofSeconds(20), Duration.ofMinutes(5));
		try (KubernetesConnectors shortConnectors = new KubernetesConnectors(impatient)) {
			KubernetesConnector connector = shortConnectors.forCluster(access(Credentials.TOKEN, 1));
			assertThat(connector.nodes()).hasSize(2);
			// an answer that never comes in the life of the test: only the request timeout ends the call
			kubernetes.latency(Duration.ofHours(1));

			assertThatThrownBy(connector::nodes)
				.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.TIMEOUT, 0));
		}
	}

	@Test
	void reportsServerErrors() {
		kubernetes.errorRate(1.0);

		assertThatThrownBy(() -> connector(Credentials.TOKEN).configMaps(NAMESPACE, List.of("env")))
			.isInstanceOfSatisfying(FabricException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(Kind.SERVER_ERROR);
				assertThat(ex.status()).isIn(500, 503);
			});
	}

	@Test
	void reportsRefusedCredentialsWithoutRepeatingThem() throws Exception {
		KubernetesMockServer server = new KubernetesMockServer(false);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		try {
			server.expect().get().withPath("/api/v1/nodes")
				.andReturn(401, new StatusBuilder().withStatus("Failure").withCode(401).withReason("Unauthorized")
					.withMessage("Unauthorized")
					.build())
				.always();
			server.expect().get().withPath("/api/v1/namespaces/kube-system/pods")
				.andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
					.withMessage("pods is forbidden: User \"tfmesh\" cannot list resource \"pods\" in the namespace"
							+ " \"kube-system\"")
					.build())
				.always();
			KubernetesConnector connector = connectors.forCluster(new ClusterAccess(2, "gcp-west",
					new ClusterAccess.Kubernetes(server.url("/"), kubeconfig(server.url("/")), null, null),
					new ClusterAccess.TungstenFabric("http://127.0.0.1:1", null), List.of(), NAMESPACE,
					List.of("env", "kube-manager-config"), 1));

			assertThatThrownBy(connector::nodes)
				.isInstanceOfSatisfying(FabricException.class, ex -> assertFailure(ex, Kind.UNAUTHORIZED, 401));
			assertThatThrownBy(() -> connector.tfPods(NAMESPACE)).isInstanceOfSatisfying(FabricException.class, ex -> {
				assertFailure(ex, Kind.FORBIDDEN, 403);
				assertThat(ex.getMessage()).contains("forbidden");
			});
			RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KUBECONFIG_TOKEN);
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void readsTheTfDaemonSetsWithWhereTheirSettingsComeFrom() {
		List<DaemonSetInfo> daemonSets = connector(Credentials.TOKEN).tfDaemonSets(NAMESPACE);

		assertThat(daemonSets).extracting(DaemonSetInfo::name).contains("contrail-kube-manager", "contrail-agent");
		DaemonSetInfo kubeManager = daemonSets.stream()
			.filter(daemonSet -> daemonSet.name().equals("contrail-kube-manager"))
			.findFirst()
			.orElseThrow();
		assertThat(kubeManager.containers()).flatExtracting(ContainerSpec::envFrom)
			.containsExactly(new EnvSource("ConfigMap", "env", "", false),
					new EnvSource("ConfigMap", "kube-manager-config", "", false));
	}

	@Test
	void countsPodsAndServicesPageByPage() throws Exception {
		KubernetesMockServer server = new KubernetesMockServer(false);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		try {
			String pods = "/api/v1/pods?limit=" + Fabric8KubernetesConnector.PAGE_SIZE;
			server.expect().get().withPath(pods)
				.andReturn(200, new PodListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
					.addToItems(podOnTheNetwork("a"), podOnTheNetwork("b"), new PodBuilder(podOnTheNetwork("host"))
						.editSpec().withHostNetwork(true).endSpec().build())
					.build())
				.always();
			server.expect().get().withPath("/api/v1/pods?continue=page-2&limit=" + Fabric8KubernetesConnector.PAGE_SIZE)
				.andReturn(200, new PodListBuilder().withNewMetadata().endMetadata()
					.addToItems(podOnTheNetwork("c"), new PodBuilder(podOnTheNetwork("done")).editStatus()
						.withPhase("Succeeded").endStatus().build())
					.build())
				.always();
			String services = "/api/v1/services?limit=" + Fabric8KubernetesConnector.PAGE_SIZE;
			server.expect().get().withPath(services)
				.andReturn(200, new ServiceListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
					.addToItems(service("kubernetes", "10.96.0.1"), service("headless", "None"))
					.build())
				.always();
			server.expect().get().withPath("/api/v1/services?continue=page-2&limit=" + Fabric8KubernetesConnector.PAGE_SIZE)
				.andReturn(200, new ServiceListBuilder().withNewMetadata().endMetadata()
					.addToItems(service("kube-dns", "10.96.0.10"))
					.build())
				.always();
			KubernetesConnector connector = connectors.forCluster(new ClusterAccess(3, "paged",
					new ClusterAccess.Kubernetes(server.url("/"), null, TOKEN, null),
					new ClusterAccess.TungstenFabric("http://127.0.0.1:1", null), List.of(), NAMESPACE,
					List.of("env"), 1));

			assertThat(connector.counts()).isEqualTo(new ClusterCounts(3, 2));
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void countsAllPagesOfPodsAndServicesAcrossNamespacesOfAnEmulatedCluster() {
		for (String namespace : List.of("team-a", "team-b")) {
			admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
				.create();
		}
		List<String> namespaces = List.of("default", "team-a", "team-b");
		for (int i = 0; i < 530; i++) {
			PodBuilder pod = new PodBuilder(podOnTheNetwork("pod-" + i));
			if (i % 53 == 0) {
				pod.editSpec().withHostNetwork(true).endSpec();
			}
			else if (i % 53 == 1) {
				pod.editStatus().withPhase((i % 2 == 0) ? "Succeeded" : "Failed").endStatus();
			}
			String namespace = namespaces.get(i % namespaces.size());
			admin.pods().inNamespace(namespace).resource(pod.editMetadata().withNamespace(namespace).endMetadata().build())
				.create();
		}
		for (int i = 0; i < 520; i++) {
			ServiceBuilder service = new ServiceBuilder().withNewMetadata().withName("svc-" + i).endMetadata()
				.withNewSpec().addNewPort().withPort(80).endPort().endSpec();
			if (i % 101 == 0) {
				service.editSpec().withClusterIP("None").endSpec();
			}
			else if (i % 101 == 1) {
				service.editSpec().withType("ExternalName").withExternalName("example.com").withPorts().endSpec();
			}
			admin.services().inNamespace(namespaces.get(i % namespaces.size())).resource(service.build()).create();
		}
		// what a reader of every object sees: more than one page of 500 of each is counted
		long pods = admin.pods().inAnyNamespace().list().getItems().stream().filter(KubernetesRecords::usesPodNetwork)
			.count();
		long services = admin.services().inAnyNamespace().list().getItems().stream()
			.filter(KubernetesRecords::hasClusterIp)
			.count();
		assertThat(pods).isGreaterThan(Fabric8KubernetesConnector.PAGE_SIZE);
		// 6 headless and 6 ExternalName Services left out, the seeded kubernetes and kube-dns counted
		assertThat(services).isEqualTo(520 - 12 + 2).isGreaterThan(Fabric8KubernetesConnector.PAGE_SIZE);

		assertThat(connector(Credentials.TOKEN).counts()).isEqualTo(new ClusterCounts(pods, services));
	}

	@Test
	void readsEveryServiceWithItsClusterAddressesAndPortsAcrossNamespaces() {
		admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("backend").endMetadata().build())
			.create();
		admin.services().inNamespace("backend").resource(new ServiceBuilder().withNewMetadata().withName("orders")
			.endMetadata()
			.withNewSpec()
			.addNewPort().withName("http").withProtocol("TCP").withPort(8080)
			.withTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(9090)).endPort()
			.addNewPort().withName("metrics").withProtocol("UDP").withPort(9100).endPort()
			.endSpec()
			.build()).create();
		admin.services().inNamespace("backend").resource(new ServiceBuilder().withNewMetadata().withName("orders-db")
			.endMetadata().withNewSpec().withClusterIP("None").addNewPort().withPort(5432).endPort().endSpec().build())
			.create();
		String assigned = admin.services().inNamespace("backend").withName("orders").get().getSpec().getClusterIP();

		List<ServiceInfo> services = connector(Credentials.TOKEN).services();

		assertThat(services).extracting(ServiceInfo::namespace, ServiceInfo::name)
			.containsExactly(tuple("backend", "orders"), tuple("backend", "orders-db"), tuple("default", "kubernetes"),
					tuple(NAMESPACE, "kube-dns"));
		assertThat(services.get(0)).isEqualTo(new ServiceInfo("backend", "orders", "ClusterIP", List.of(assigned),
				List.of(new ServicePort("http", "TCP", 8080, 9090), new ServicePort("metrics", "UDP", 9100, 9100))));
		assertThat(assigned).startsWith("10.");
		// a headless Service holds no cluster address
		assertThat(services.get(1).clusterIps()).isEmpty();
		assertThat(services.get(2).clusterIps()).containsExactly("10.96.0.1");
	}

	@Test
	void readsServicesPageByPage() throws Exception {
		KubernetesMockServer server = new KubernetesMockServer(false);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		try {
			server.expect().get().withPath("/api/v1/services?limit=" + Fabric8KubernetesConnector.PAGE_SIZE)
				.andReturn(200, new ServiceListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
					.addToItems(service("kubernetes", "10.96.0.1"))
					.build())
				.always();
			server.expect().get().withPath("/api/v1/services?continue=page-2&limit=" + Fabric8KubernetesConnector.PAGE_SIZE)
				.andReturn(200, new ServiceListBuilder().withNewMetadata().endMetadata()
					.addToItems(service("a-second-page", "10.96.0.20"))
					.build())
				.always();
			KubernetesConnector connector = connectors.forCluster(new ClusterAccess(3, "paged",
					new ClusterAccess.Kubernetes(server.url("/"), null, TOKEN, null),
					new ClusterAccess.TungstenFabric("http://127.0.0.1:1", null), List.of(), NAMESPACE,
					List.of("env"), 1));

			assertThat(connector.services()).extracting(ServiceInfo::name, ServiceInfo::clusterIps)
				.containsExactly(tuple("a-second-page", List.of("10.96.0.20")), tuple("kubernetes", List.of("10.96.0.1")));
		}
		finally {
			server.destroy();
		}
	}

	private static Pod podOnTheNetwork(String name) {
		return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
			.withNewSpec().endSpec()
			.withNewStatus().withPhase("Running").endStatus()
			.build();
	}

	private static Service service(String name, String clusterIp) {
		return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
			.withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).endSpec()
			.build();
	}

	private KubernetesConnector connector(Credentials credentials) {
		return connectors.forCluster(access(credentials, 1));
	}

	private ClusterAccess access(Credentials credentials, long version) {
		ClusterAccess.Kubernetes kubernetesAccess = (credentials == Credentials.TOKEN)
				? new ClusterAccess.Kubernetes(kubernetes.url(), null, TOKEN, null)
				: new ClusterAccess.Kubernetes(kubernetes.url(), kubeconfig(kubernetes.url()), null, null);
		return new ClusterAccess(1, "aws-east", kubernetesAccess,
				new ClusterAccess.TungstenFabric("http://127.0.0.1:1", null), List.of(), NAMESPACE,
				List.of("env", "kube-manager-config"), version);
	}

	private static String kubeconfig(String server) {
		return """
				apiVersion: v1
				kind: Config
				clusters:
				- name: sandbox
				  cluster:
				    server: %s
				users:
				- name: tfmesh
				  user:
				    token: %s
				contexts:
				- name: sandbox
				  context:
				    cluster: sandbox
				    user: tfmesh
				current-context: sandbox
				""".formatted(server, KUBECONFIG_TOKEN);
	}

	private static Pod pod(String name, Map<String, String> labels) {
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName("main")
			.withImage("busybox")
			.endContainer()
			.endSpec()
			.build();
	}

	private String resourceVersion(String configMap) {
		return admin.configMaps().inNamespace(NAMESPACE).withName(configMap).get().getMetadata().getResourceVersion();
	}

	private EndpointSlice slice(String name) {
		return admin.discovery().v1().endpointSlices().inNamespace("default").withName(name).get();
	}

	private static void assertFailure(FabricException ex, Kind kind, int status) {
		assertThat(ex.kind()).isEqualTo(kind);
		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.source()).isEqualTo("kubernetes");
		assertThat(ex.getMessage()).doesNotContain(TOKEN, KUBECONFIG_TOKEN);
	}

}
