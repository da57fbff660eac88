package io.tfmesh.intent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * One emulated cluster of the seed story: its Kubernetes API with the story's namespaces (and
 * the Service orders where it has one), and its TF config API as kube-manager provisioned it.
 */
final class StoryCluster implements AutoCloseable {

	/** Nodes on a loopback network of their own: nothing answers introspect there. */
	private static final String NODE = LoopbackNetworks.reserve() + ".0.1";

	private EmulatedKubernetes kubernetes;

	private TfConfigApiEmulator tungstenFabric;

	void start(String name, String serviceSubnet, List<String> namespaces, String ordersNamespace)
			throws Exception {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", serviceSubnet, "cluster.local",
				List.of(new SeedNode(name + "-master", NODE, List.of("control-plane"))),
				Map.of("CONTROLLER_NODES", NODE), KubernetesSeed.kubeManagerConfig(NODE)));
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"),
				JsonMapper.builder().build());
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		try (KubernetesClient client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url()).build())
			.build()) {
			for (String namespace : namespaces) {
				client.namespaces()
					.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
					.create();
			}
			if (ordersNamespace != null) {
				client.services()
					.inNamespace(ordersNamespace)
					.resource(new ServiceBuilder().withNewMetadata()
						.withName("orders")
						.endMetadata()
						.withNewSpec()
						.withSelector(Map.of("app", "orders"))
						.addNewPort()
						.withName("http")
						.withProtocol("TCP")
						.withPort(8080)
						.endPort()
						.endSpec()
						.build())
					.create();
			}
		}
	}

	long register(Api admin, String name, long cloudId) {
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(NODE));
		return Fixtures.createCluster(admin, cluster);
	}

	@Override
	public void close() {
		if (tungstenFabric != null) {
			tungstenFabric.close();
		}
		if (kubernetes != null) {
			kubernetes.close();
		}
	}

	EmulatedKubernetes kubernetes() {
		return kubernetes;
	}

}
