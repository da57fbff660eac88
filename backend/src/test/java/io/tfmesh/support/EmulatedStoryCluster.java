package io.tfmesh.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node's cluster made of the emulated APIs, installed with TF's defaults: a Kubernetes API,
 * a TF config API and the introspect ports of every TF process on a loopback address of its own.
 */
public final class EmulatedStoryCluster implements AutoCloseable {

	public final String master = LoopbackNetworks.reserve() + ".0.1";

	public final EmulatedKubernetes kubernetes;

	public final TfConfigApiEmulator tungstenFabric;

	public final IntrospectEmulator introspect;

	private EmulatedStoryCluster(String node) {
		Path state = stateDir();
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12", "cluster.local",
				List.of(new SeedNode(node, master, List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", master, "VROUTER_GATEWAY", "10.0.0.1"), KubernetesSeed.kubeManagerConfig(master)));
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"), JsonMapper.builder().build());
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		tungstenFabric.provisionControl(64512, List.of(new TfConfigApiEmulator.BgpRouterSeed(node, master)));
		List<SandeshProcess> services = new ArrayList<>();
		for (String pod : List.of("control", "config", "kubernetes", "analytics", "database", "config-database",
				"webui", "vrouter", "analytics-alarm", "analytics-snmp")) {
			services.addAll(SandeshProcess.ofPod(pod));
		}
		introspect = IntrospectEmulator.start(master, node, services);
	}

	public static EmulatedStoryCluster start(String node) {
		return new EmulatedStoryCluster(node);
	}

	/** A registration body for this cluster, authenticating to Kubernetes with any token. */
	public Map<String, Object> registration(String name, long cloudId) {
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(master));
		return cluster;
	}

	@Override
	public void close() {
		introspect.close();
		tungstenFabric.close();
		kubernetes.close();
	}

	private static Path stateDir() {
		try {
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "onboarded-cluster-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
