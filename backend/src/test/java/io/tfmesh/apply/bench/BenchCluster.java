package io.tfmesh.apply.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import tools.jackson.databind.json.JsonMapper;

/**
 * One emulated cluster of the benchmark, as a single-yaml install leaves it: a master that runs
 * every TF controller pod, its Kubernetes API, TF config API and introspect ports.
 */
final class BenchCluster implements AutoCloseable {

	static final String NAMESPACE = "kube-system";

	/** kube-manager's default cluster name, which names the objects it provisions in TF. */
	static final String TF_CLUSTER = "k8s";

	static final String POD_SUBNET = "10.32.0.0/12";

	static final long ASN = 64512;

	private static final List<String> CONTROLLER_PODS = List.of("control", "config", "kubernetes", "analytics",
			"database", "config-database", "webui", "vrouter", "analytics-alarm", "analytics-snmp");

	final String name;

	final String master;

	final EmulatedKubernetes kubernetes;

	final TfConfigApiEmulator tungstenFabric;

	private final IntrospectEmulator introspect;

	private BenchCluster(String name, String master, EmulatedKubernetes kubernetes, TfConfigApiEmulator tungstenFabric,
			IntrospectEmulator introspect) {
		this.name = name;
		this.master = master;
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
		this.introspect = introspect;
	}

	/**
	 * @param master the master's address, a loopback address of its own: TF processes answer
	 * introspect on fixed ports
	 */
	static BenchCluster start(String name, String master, Path stateDir, JsonMapper json) {
		EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
		kubernetes.seed(new KubernetesSeed("v1.28.15", POD_SUBNET, "10.96.0.0/12", "cluster.local",
				List.of(new SeedNode(name + "-master", master, List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", master, "VROUTER_GATEWAY", "10.0.0.1"),
				KubernetesSeed.kubeManagerConfig(master)));
		TfConfigApiEmulator tf = TfConfigApiEmulator.start("127.0.0.1", 0, stateDir.resolve("tf.json"), json);
		tf.provisionLikeKubeManager(TF_CLUSTER, List.of(POD_SUBNET), List.of("10.96.0.0/12"), List.of("10.64.0.0/12"));
		tf.provisionControl(ASN, List.of(new TfConfigApiEmulator.BgpRouterSeed(name + "-master", master)));
		List<SandeshProcess> services = new ArrayList<>();
		CONTROLLER_PODS.forEach(pod -> services.addAll(SandeshProcess.ofPod(pod)));
		return new BenchCluster(name, master, kubernetes, tf, IntrospectEmulator.start(master, name + "-master", services));
	}

	/** Registers the cluster in tfmesh's inventory through the REST API, as an operator would. */
	long register(Api admin, long cloudId) {
		Map<String, Object> cluster = new LinkedHashMap<>();
		cluster.put("name", name);
		cluster.put("cloudId", cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "bench-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("bgpAsn", ASN);
		cluster.put("controlNodes", List.of(master));
		Api.Response created = admin.post("/api/v1/clusters", cluster);
		if (created.status() != 201) {
			throw new IllegalStateException("registering " + name + " was refused: " + created);
		}
		return created.json().get("id").asLong();
	}

	/** Every answer of both APIs held back this long. */
	void latency(Duration latency) {
		kubernetes.latency(latency);
		tungstenFabric.latency(latency);
	}

	/** Sets both APIs' write counts back to zero; this clears the latency too. */
	void resetWrites() {
		kubernetes.resetFaults();
		tungstenFabric.resetFaults();
	}

	/** The pods of these DaemonSets now, by the key the emulator counts their writes under. */
	Set<String> podKeys(List<String> daemonSets) {
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url())
			.withOauthToken("bench-token")
			.withAutoConfigure(false)
			.build();
		try (KubernetesClient kubectl = new KubernetesClientBuilder().withConfig(config).build()) {
			Set<String> keys = new TreeSet<>();
			for (Pod pod : kubectl.pods().inNamespace(NAMESPACE).list().getItems()) {
				boolean owned = pod.getMetadata()
					.getOwnerReferences()
					.stream()
					.anyMatch(owner -> daemonSets.contains(owner.getName()));
				if (owned) {
					keys.add("pods/" + NAMESPACE + "/" + pod.getMetadata().getName());
				}
			}
			return keys;
		}
	}

	@Override
	public void close() {
		introspect.close();
		tungstenFabric.close();
		kubernetes.close();
	}

}
