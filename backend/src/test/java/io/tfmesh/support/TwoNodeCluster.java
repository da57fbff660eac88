package io.tfmesh.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulated cluster of two nodes on addresses of its own: {@code k8s-master} runs the given
 * pods of the TF controller, {@code k8s-worker} a vrouter whose agent peers with the master,
 * behind an emulated Kubernetes API and TF config API.
 */
public final class TwoNodeCluster implements AutoCloseable {

	/** Every pod of the TF controller, so that an observation of the master is complete. */
	public static final List<String> CONTROLLER_PODS = List.of("control", "config", "kubernetes", "analytics",
			"database", "config-database", "webui", "vrouter", "analytics-alarm", "analytics-snmp");

	public final EmulatedKubernetes kubernetes;

	public final TfConfigApiEmulator tungstenFabric;

	public final IntrospectEmulator master;

	public final IntrospectEmulator worker;

	private TwoNodeCluster(EmulatedKubernetes kubernetes, TfConfigApiEmulator tungstenFabric,
			IntrospectEmulator master, IntrospectEmulator worker) {
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
		this.master = master;
		this.worker = worker;
	}

	/**
	 * Starts the cluster's APIs and nodes.
	 * @param name names its state directory under {@code target}
	 * @param masterAddress the master's address, such as {@code 127.42.0.1}
	 * @param workerAddress the worker's address
	 * @param pods the controller's pods that answer on the master
	 */
	public static TwoNodeCluster start(String name, String masterAddress, String workerAddress, List<String> pods)
			throws IOException {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
		EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.112.0.0/12", "cluster.local",
				List.of(new SeedNode("k8s-master", masterAddress, List.of("control-plane", "opencontrail.org/controller")),
						new SeedNode("k8s-worker", workerAddress, List.of("opencontrail.org/vrouter"))),
				Map.of("CONTROLLER_NODES", masterAddress, "VROUTER_GATEWAY", "10.0.0.1"),
				KubernetesSeed.kubeManagerConfig(masterAddress)));
		TfConfigApiEmulator tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"),
				JsonMapper.builder().build());
		List<SandeshProcess> services = new ArrayList<>();
		pods.forEach(pod -> services.addAll(SandeshProcess.ofPod(pod)));
		IntrospectEmulator master = IntrospectEmulator.start(masterAddress, "k8s-master", services);
		IntrospectEmulator worker = IntrospectEmulator.start(workerAddress, "k8s-worker", SandeshProcess.ofPod("vrouter"),
				List.of(masterAddress));
		return new TwoNodeCluster(kubernetes, tungstenFabric, master, worker);
	}

	/** Provisions the TF config as kube-manager and the control node's provisioning would, with that ASN. */
	public TwoNodeCluster provisioned(long asn) {
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.112.0.0/12"), List.of());
		tungstenFabric.provisionControl(asn, List.of());
		return this;
	}

	@Override
	public void close() {
		worker.close();
		master.close();
		tungstenFabric.close();
		kubernetes.close();
	}

}
