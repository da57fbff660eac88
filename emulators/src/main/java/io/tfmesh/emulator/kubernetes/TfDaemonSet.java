package io.tfmesh.emulator.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A DaemonSet of the Tungsten Fabric single-yaml manifest (all in {@code kube-system}).
 *
 * @param nodeSelector the role label it runs on, or null for every node
 * @param containers named after the services {@code contrail-status} lists for its pod
 */
record TfDaemonSet(String name, @Nullable String nodeSelector, List<String> containers) {

	static final String CONTROLLER = "node-role.opencontrail.org/controller";

	static final String CONFIG = "node-role.opencontrail.org/config";

	static final String KUBE_MANAGER = "contrail-kube-manager";

	/**
	 * The controller's DaemonSets select controller nodes; kube-manager's selects
	 * {@code node-role.opencontrail.org/config}, as in the manifest; the vrouter agent runs on
	 * every node.
	 */
	static final List<TfDaemonSet> ALL = List.of(
			new TfDaemonSet("contrail-configdb", CONTROLLER, List.of("cassandra", "zookeeper", "rabbitmq", "nodemgr")),
			new TfDaemonSet("contrail-analyticsdb", CONTROLLER, List.of("query-engine", "cassandra", "nodemgr")),
			new TfDaemonSet("contrail-controller-config", CONTROLLER,
					List.of("api", "schema", "svc-monitor", "device-manager", "nodemgr")),
			new TfDaemonSet("contrail-controller-control", CONTROLLER, List.of("control", "named", "dns", "nodemgr")),
			new TfDaemonSet("contrail-controller-webui", CONTROLLER, List.of("web", "job")),
			new TfDaemonSet("contrail-analytics", CONTROLLER, List.of("api", "collector", "nodemgr")),
			new TfDaemonSet(KUBE_MANAGER, CONFIG, List.of("kube-manager")),
			new TfDaemonSet("contrail-agent", null, List.of("agent", "nodemgr")));

	boolean runsOn(Node node) {
		Map<String, String> labels = node.getMetadata().getLabels();
		return nodeSelector == null || (labels != null && labels.containsKey(nodeSelector));
	}

	Map<String, String> labels() {
		return Map.of("app", name);
	}

	Map<String, String> nodeSelectorMap() {
		return (nodeSelector != null) ? Map.of(nodeSelector, "") : Map.of();
	}

	/**
	 * Tungsten Fabric's processes listen on their node's own addresses (introspect ports are
	 * reached at node addresses), hence the host network.
	 */
	PodSpec podSpec() {
		PodSpecBuilder spec = new PodSpecBuilder().withHostNetwork(true).withNodeSelector(nodeSelectorMap());
		if (!name.equals(KUBE_MANAGER)) {
			return spec.withContainers(containers.stream().map(this::container).toList()).build();
		}
		Container kubeManager = new ContainerBuilder(container("kube-manager"))
			.withImage("contrail-kubernetes-kube-manager")
			.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName("env").endConfigMapRef().build(),
					new EnvFromSourceBuilder().withNewConfigMapRef()
						.withName("kube-manager-config")
						.endConfigMapRef()
						.build())
			.withVolumeMounts(new VolumeMountBuilder().withName("kube-manager-token")
				.withMountPath("/tmp/serviceaccount")
				.build())
			.build();
		return spec.withAutomountServiceAccountToken(false)
			.withContainers(kubeManager)
			.withVolumes(new VolumeBuilder().withName("kube-manager-token")
				.withNewSecret()
				.withSecretName("contrail-kube-manager-token")
				.endSecret()
				.build())
			.build();
	}

	private Container container(String service) {
		return new ContainerBuilder().withName(service).withImage("tfmesh/sandbox:" + name).build();
	}

}
