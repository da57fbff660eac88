package io.tfmesh.emulator.kubernetes;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Writes into an empty emulated cluster what {@code kubeadm init} and a Tungsten Fabric
 * single-yaml install leave in it: kubeadm's ClusterConfiguration, the {@code env} and
 * {@code kube-manager-config} ConfigMaps, the {@code kubernetes} and {@code kube-dns} Services,
 * the nodes, and the DaemonSets with their running pods.
 */
final class SingleYamlSeed {

	static final String NAMESPACE = "kube-system";

	private final ObjectStore store;

	private final DaemonSetPods pods;

	private final Clock clock;

	SingleYamlSeed(ObjectStore store, DaemonSetPods pods, Clock clock) {
		this.store = store;
		this.pods = pods;
		this.clock = clock;
	}

	void apply(KubernetesSeed seed) {
		for (String namespace : List.of("default", NAMESPACE)) {
			store.create(ApiPaths.namespaces(),
					new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
		}
		store.create(ApiPaths.configMaps(NAMESPACE),
				configMap("kubeadm-config", Map.of("ClusterConfiguration", clusterConfiguration(seed))));
		store.create(ApiPaths.configMaps(NAMESPACE), configMap("env", seed.env()));
		store.create(ApiPaths.configMaps(NAMESPACE), configMap("kube-manager-config", seed.kubeManagerConfig()));
		manifestConfigMaps(seed).forEach(
				(name, data) -> store.create(ApiPaths.configMaps(NAMESPACE), configMap(name, data)));
		ServiceSubnet subnet = ServiceSubnet.parse(seed.serviceSubnet())
			.orElseThrow(() -> new IllegalArgumentException("service subnet " + seed.serviceSubnet() + " is no CIDR"));
		store.create(ApiPaths.services("default"), kubernetesService(subnet));
		store.create(ApiPaths.services(NAMESPACE), dnsService(subnet));
		List<Node> nodes = seed.nodes().stream().map(node -> store.create(ApiPaths.nodes(), node(seed, node))).toList();
		for (TfDaemonSet definition : TfDaemonSet.ALL) {
			List<Node> placed = nodes.stream().filter(definition::runsOn).toList();
			DaemonSet daemonSet = store.create(ApiPaths.daemonSets(NAMESPACE), daemonSet(definition, placed.size()));
			for (Node node : placed) {
				store.create(ApiPaths.pods(NAMESPACE), pods.running(daemonSet, node));
			}
		}
	}

	/**
	 * The ClusterConfiguration as {@code kubeadm init} uploads it: keys in alphabetical order at
	 * every level (kubeadm marshals through JSON), empty sections as {@code {}}, and no YAML
	 * anchors or aliases, which kubeadm never writes.
	 */
	static String clusterConfiguration(KubernetesSeed seed) {
		Map<String, Object> networking = new TreeMap<>();
		networking.put("dnsDomain", seed.dnsDomain());
		networking.put("podSubnet", seed.podSubnet());
		networking.put("serviceSubnet", seed.serviceSubnet());
		Map<String, Object> apiServer = new TreeMap<>();
		apiServer.put("extraArgs", new TreeMap<>(Map.of("authorization-mode", "Node,RBAC")));
		apiServer.put("timeoutForControlPlane", "4m0s");
		Map<String, Object> config = new TreeMap<>();
		config.put("apiServer", apiServer);
		config.put("apiVersion", "kubeadm.k8s.io/v1beta3");
		config.put("certificatesDir", "/etc/kubernetes/pki");
		config.put("clusterName", "kubernetes");
		config.put("controllerManager", new TreeMap<>());
		config.put("dns", new TreeMap<>());
		config.put("etcd", new TreeMap<>(Map.of("local", new TreeMap<>(Map.of("dataDir", "/var/lib/etcd")))));
		config.put("imageRepository", "registry.k8s.io");
		config.put("kind", "ClusterConfiguration");
		config.put("kubernetesVersion", seed.kubernetesVersion());
		config.put("networking", networking);
		config.put("scheduler", new TreeMap<>());
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setDereferenceAliases(true);
		return new Yaml(options).dump(config);
	}

	/** What the API server creates for itself: the first address of the service subnet, 443 to its 6443. */
	private static Service kubernetesService(ServiceSubnet subnet) {
		return new ServiceBuilder().withNewMetadata()
			.withNamespace("default")
			.withName("kubernetes")
			.withLabels(new TreeMap<>(Map.of("component", "apiserver", "provider", "kubernetes")))
			.endMetadata()
			.withNewSpec()
			.withType("ClusterIP")
			.withClusterIP(subnet.address(1))
			.withPorts(port("https", 443, "TCP", 6443))
			.endSpec()
			.build();
	}

	/** The Service of CoreDNS that {@code kubeadm init} creates: the tenth address of the service subnet. */
	private static Service dnsService(ServiceSubnet subnet) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("k8s-app", "kube-dns");
		labels.put("kubernetes.io/cluster-service", "true");
		labels.put("kubernetes.io/name", "CoreDNS");
		return new ServiceBuilder().withNewMetadata()
			.withNamespace(NAMESPACE)
			.withName("kube-dns")
			.withLabels(labels)
			.withAnnotations(new TreeMap<>(Map.of("prometheus.io/port", "9153", "prometheus.io/scrape", "true")))
			.endMetadata()
			.withNewSpec()
			.withType("ClusterIP")
			.withClusterIP(subnet.address(10))
			.withSelector(Map.of("k8s-app", "kube-dns"))
			.withPorts(port("dns", 53, "UDP", 53), port("dns-tcp", 53, "TCP", 53), port("metrics", 9153, "TCP", 9153))
			.endSpec()
			.build();
	}

	private static ServicePort port(String name, int port, String protocol, int targetPort) {
		return new ServicePortBuilder().withName(name)
			.withPort(port)
			.withProtocol(protocol)
			.withTargetPort(new IntOrString(targetPort))
			.build();
	}

	/** The version kubeadm recorded in its ConfigMap, so {@code /version} tells it after a restart. */
	static String kubernetesVersion(ConfigMap kubeadm) {
		String yaml = (kubeadm.getData() != null) ? kubeadm.getData().get("ClusterConfiguration") : null;
		if (yaml == null) {
			return "v0.0.0";
		}
		try {
			Object config = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			Object version = (config instanceof Map<?, ?> map) ? map.get("kubernetesVersion") : null;
			return (version != null) ? version.toString() : "v0.0.0";
		}
		catch (YAMLException ex) {
			// someone wrote a ClusterConfiguration kubeadm could not read either
			return "v0.0.0";
		}
	}

	/**
	 * The other ConfigMaps of {@code contrail-standalone-kubernetes.yaml} that the DaemonSets'
	 * containers take their environment from, rendered for the seed's controllers.
	 */
	static Map<String, Map<String, String>> manifestConfigMaps(KubernetesSeed seed) {
		String controllers = String.join(",", seed.nodes()
			.stream()
			.filter(node -> node.hasRole("opencontrail.org/controller"))
			.map(SeedNode::address)
			.toList());
		Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
		configMaps.put("defaults-env", Map.of());
		Map<String, String> zookeeper = new LinkedHashMap<>();
		zookeeper.put("ZOOKEEPER_NODES", controllers);
		zookeeper.put("ZOOKEEPER_PORT", "2181");
		zookeeper.put("ZOOKEEPER_PORTS", "2888:3888");
		configMaps.put("configzookeeperenv", zookeeper);
		configMaps.put("contrail-analyticsdb-config", cassandra(controllers, "Contrail", "9160", "9042", "7001",
				"7000", "7200"));
		configMaps.put("contrail-configdb-config", cassandra(controllers, "ContrailConfigDB", "9161", "9041", "7011",
				"7010", "7201"));
		configMaps.put("rabbitmq-config", Map.of("RABBITMQ_ERLANG_COOKIE", "47EFF3BB-4786-46E0-A5BB-58455B3C2CB4"));
		return configMaps;
	}

	private static Map<String, String> cassandra(String seeds, String clusterName, String port, String cqlPort,
			String sslStoragePort, String storagePort, String jmxPort) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("JVM_EXTRA_OPTS", "-Xms1g -Xmx2g");
		data.put("CASSANDRA_SEEDS", seeds);
		data.put("CASSANDRA_CLUSTER_NAME", clusterName);
		data.put("CASSANDRA_START_RPC", "true");
		data.put("CASSANDRA_LISTEN_ADDRESS", "auto");
		data.put("CASSANDRA_PORT", port);
		data.put("CASSANDRA_CQL_PORT", cqlPort);
		data.put("CASSANDRA_SSL_STORAGE_PORT", sslStoragePort);
		data.put("CASSANDRA_STORAGE_PORT", storagePort);
		data.put("CASSANDRA_JMX_LOCAL_PORT", jmxPort);
		return data;
	}

	private static ConfigMap configMap(String name, Map<String, String> data) {
		return new ConfigMapBuilder().withNewMetadata()
			.withNamespace(NAMESPACE)
			.withName(name)
			.endMetadata()
			.withData(data)
			.build();
	}

	private Node node(KubernetesSeed seed, SeedNode node) {
		String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
		Map<String, Quantity> capacity = new LinkedHashMap<>();
		capacity.put("cpu", new Quantity("4"));
		capacity.put("ephemeral-storage", new Quantity(node.machine().ephemeralStorage()));
		capacity.put("memory", new Quantity(node.machine().memory()));
		capacity.put("pods", new Quantity("110"));
		return new NodeBuilder().withNewMetadata()
			.withName(node.name())
			.withLabels(labels(node))
			.endMetadata()
			.withNewStatus()
			.addToAddresses(new NodeAddressBuilder().withType("InternalIP").withAddress(node.address()).build(),
					new NodeAddressBuilder().withType("Hostname").withAddress(node.name()).build())
			.withCapacity(capacity)
			.withAllocatable(capacity)
			.withConditions(condition("MemoryPressure", "False", "KubeletHasSufficientMemory", now),
					condition("DiskPressure", "False", "KubeletHasNoDiskPressure", now),
					condition("PIDPressure", "False", "KubeletHasSufficientPID", now),
					condition("Ready", "True", "KubeletReady", now))
			.withNewNodeInfo()
			.withArchitecture("amd64")
			.withOperatingSystem("linux")
			.withOsImage(node.machine().osImage())
			.withKernelVersion(node.machine().kernelVersion())
			.withContainerRuntimeVersion("containerd://1.6.28")
			.withKubeletVersion(seed.kubernetesVersion())
			.withKubeProxyVersion(seed.kubernetesVersion())
			.endNodeInfo()
			.endStatus()
			.build();
	}

	/**
	 * A role {@code opencontrail.org/<role>} becomes the label {@code node-role.opencontrail.org/<role>},
	 * any other role {@code node-role.kubernetes.io/<role>}. A controller also runs the config
	 * services, which kube-manager's DaemonSet selects by {@code node-role.opencontrail.org/config}.
	 */
	static Map<String, String> labels(SeedNode node) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("kubernetes.io/arch", "amd64");
		labels.put("kubernetes.io/hostname", node.name());
		labels.put("kubernetes.io/os", "linux");
		for (String role : node.roles()) {
			labels.put(role.startsWith("opencontrail.org/") ? "node-role." + role : "node-role.kubernetes.io/" + role,
					"");
		}
		if (node.hasRole("opencontrail.org/controller")) {
			labels.put(TfDaemonSet.CONFIG, "");
		}
		return labels;
	}

	private static NodeCondition condition(String type, String status, String reason, String now) {
		return new NodeConditionBuilder().withType(type)
			.withStatus(status)
			.withReason(reason)
			.withLastHeartbeatTime(now)
			.withLastTransitionTime(now)
			.build();
	}

	private static DaemonSet daemonSet(TfDaemonSet definition, int nodes) {
		return new DaemonSetBuilder().withNewMetadata()
			.withNamespace(NAMESPACE)
			.withName(definition.name())
			.withLabels(definition.labels())
			.endMetadata()
			.withNewSpec()
			.withNewSelector()
			.withMatchLabels(definition.labels())
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(definition.labels())
			.endMetadata()
			.withSpec(definition.podSpec())
			.endTemplate()
			.endSpec()
			.withNewStatus()
			.withDesiredNumberScheduled(nodes)
			.withCurrentNumberScheduled(nodes)
			.withUpdatedNumberScheduled(nodes)
			.withNumberReady(nodes)
			.withNumberAvailable(nodes)
			.withNumberMisscheduled(0)
			.endStatus()
			.build();
	}

}
