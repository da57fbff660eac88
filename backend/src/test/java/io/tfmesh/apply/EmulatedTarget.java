package io.tfmesh.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One emulated cluster that plans are applied to: its Kubernetes API, TF config API and a
 * control node's introspect, with tfmesh reaching both APIs through proxies that count writes.
 */
final class EmulatedTarget implements AutoCloseable {

	final String name;

	final String master;

	final EmulatedKubernetes kubernetes;

	final TfConfigApiEmulator tungstenFabric;

	final IntrospectEmulator introspect;

	final WriteCountingProxy kubernetesWrites;

	final WriteCountingProxy tfWrites;

	/** Talks to the emulator directly, past the counting proxy. */
	final KubernetesClient kubectl;

	private EmulatedTarget(String name, String podSubnet, String serviceSubnet, long asn) throws IOException {
		this.name = name;
		this.master = LoopbackNetworks.reserve() + ".0.1";
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apply-" + name + "-");
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", podSubnet, serviceSubnet, "cluster.local",
				List.of(new SeedNode(name + "-master", master,
						List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", master, "VROUTER_GATEWAY", "10.0.0.1"),
				KubernetesSeed.kubeManagerConfig(master)));
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"), JsonMapper.builder().build());
		tungstenFabric.provisionLikeKubeManager("k8s", List.of(podSubnet), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		tungstenFabric.provisionControl(asn, List.of(new TfConfigApiEmulator.BgpRouterSeed(name + "-master", master)));
		List<SandeshProcess> services = new ArrayList<>();
		for (String pod : List.of("control", "config", "kubernetes", "analytics", "database", "config-database",
				"webui", "vrouter", "analytics-alarm", "analytics-snmp")) {
			services.addAll(SandeshProcess.ofPod(pod));
		}
		introspect = IntrospectEmulator.start(master, name + "-master", services);
		kubernetesWrites = WriteCountingProxy.to(kubernetes.url());
		tfWrites = WriteCountingProxy.to(tungstenFabric.url());
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url())
			.withOauthToken("any-token")
			.withAutoConfigure(false)
			.build();
		kubectl = new KubernetesClientBuilder().withConfig(config).build();
	}

	static EmulatedTarget start(String name, String podSubnet, String serviceSubnet, long asn) {
		try {
			return new EmulatedTarget(name, podSubnet, serviceSubnet, asn);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers the cluster with tfmesh, its APIs behind the counting proxies. */
	long register(Api admin, String clusterName) {
		long cloudId = Fixtures.createCloud(admin, clusterName + "-cloud");
		Map<String, Object> cluster = Fixtures.cluster(clusterName, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetesWrites.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tfWrites.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(master));
		Api.Response created = admin.post("/api/v1/clusters", cluster);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	@Override
	public void close() {
		kubectl.close();
		kubernetesWrites.close();
		tfWrites.close();
		introspect.close();
		tungstenFabric.close();
		kubernetes.close();
	}

}
