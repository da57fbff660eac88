package io.tfmesh.emulator.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A DaemonSet of the Tungsten Fabric single-yaml manifest (all in {@code kube-system}), as
 * tf-container-builder's {@code kubernetes/manifests/contrail-standalone-kubernetes.yaml} has
 * it: its containers by their real names and images, with the {@code NODE_TYPE} and the
 * {@code envFrom} ConfigMaps the manifest gives each. Init containers, volumes and the other
 * settings are left out.
 *
 * @param nodeSelector the role label it runs on, or null for every node
 */
record TfDaemonSet(String name, @Nullable String nodeSelector, List<TfContainer> containers) {

	static final String CONTROLLER = "node-role.opencontrail.org/controller";

	static final String CONFIG = "node-role.opencontrail.org/config";

	static final String KUBE_MANAGER = "contrail-kube-manager";

	private static final String ZOOKEEPER_ENV = "configzookeeperenv";

	private static final String ANALYTICSDB = "contrail-analyticsdb-config";

	private static final String CONFIGDB = "contrail-configdb-config";

	/**
	 * The controller's DaemonSets select controller nodes; kube-manager's selects
	 * {@code node-role.opencontrail.org/config}, as in the manifest; the vrouter agent runs on
	 * every node.
	 */
	static final List<TfDaemonSet> ALL = List.of(
			new TfDaemonSet("config-zookeeper", CONTROLLER,
					List.of(new TfContainer("config-zookeeper", "contrail-external-zookeeper", "config-database",
							List.of("env", ZOOKEEPER_ENV)))),
			new TfDaemonSet("contrail-analyticsdb", CONTROLLER, List.of(
					new TfContainer("contrail-analyticsdb-nodemgr", "contrail-nodemgr", "database",
							List.of("env", ANALYTICSDB)),
					new TfContainer("contrail-analyticsdb-provisioner", "contrail-provisioner", "database",
							List.of("env", "defaults-env", ANALYTICSDB)),
					new TfContainer("contrail-analyticsdb", "contrail-external-cassandra", "database",
							List.of(ANALYTICSDB)),
					new TfContainer("contrail-analytics-query-engine", "contrail-analytics-query-engine", "database",
							List.of("env", ZOOKEEPER_ENV)))),
			new TfDaemonSet("contrail-configdb", CONTROLLER, List.of(
					new TfContainer("contrail-configdb", "contrail-external-cassandra", "config-database",
							List.of(CONFIGDB)),
					new TfContainer("contrail-config-database-nodemgr", "contrail-nodemgr", "config-database",
							List.of("env", CONFIGDB)),
					new TfContainer("contrail-config-database-provisioner", "contrail-provisioner", "config-database",
							List.of("env", "defaults-env", CONFIGDB)))),
			new TfDaemonSet("contrail-analytics", CONTROLLER, List.of(
					new TfContainer("contrail-analytics-api", "contrail-analytics-api", null,
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-analytics-collector", "contrail-analytics-collector", null,
							List.of("env")),
					new TfContainer("contrail-analytics-nodemgr", "contrail-nodemgr", "analytics",
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-analytics-provisioner", "contrail-provisioner", "analytics",
							List.of("env", "defaults-env", ZOOKEEPER_ENV)))),
			new TfDaemonSet("contrail-analytics-snmp", CONTROLLER, List.of(
					new TfContainer("contrail-analytics-snmp-collector", "contrail-analytics-snmp-collector",
							"analytics-snmp", List.of("env")),
					new TfContainer("contrail-analytics-snmp-topology", "contrail-analytics-snmp-topology",
							"analytics-snmp", List.of("env")),
					new TfContainer("contrail-analytics-snmp-nodemgr", "contrail-nodemgr", "analytics-snmp",
							List.of("env", ANALYTICSDB)),
					new TfContainer("contrail-analytics-snmp-provisioner", "contrail-provisioner", "analytics-snmp",
							List.of("env", "defaults-env", ANALYTICSDB)))),
			new TfDaemonSet("contrail-analytics-alarm", CONTROLLER, List.of(
					new TfContainer("kafka", "contrail-external-kafka", "analytics-alarm",
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-analytics-alarm-gen", "contrail-analytics-alarm-gen", "analytics-alarm",
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-analytics-alarm-nodemgr", "contrail-nodemgr", "analytics-alarm",
							List.of("env", ANALYTICSDB)),
					new TfContainer("contrail-analytics-alarm-provisioner", "contrail-provisioner", "analytics-alarm",
							List.of("env", "defaults-env", ANALYTICSDB)))),
			new TfDaemonSet("contrail-controller-control", CONTROLLER, List.of(
					new TfContainer("contrail-controller-control", "contrail-controller-control-control", null,
							List.of("env")),
					new TfContainer("contrail-controller-control-dns", "contrail-controller-control-dns", null,
							List.of("env")),
					new TfContainer("contrail-controller-control-named", "contrail-controller-control-named", null,
							List.of("env")),
					new TfContainer("contrail-controller-nodemgr", "contrail-nodemgr", "control",
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-provisioner", "contrail-provisioner", "control",
							List.of("env", "defaults-env", ZOOKEEPER_ENV)))),
			new TfDaemonSet("contrail-controller-config", CONTROLLER, List.of(
					new TfContainer("contrail-controller-config-api", "contrail-controller-config-api", null,
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-config-devicemgr", "contrail-controller-config-devicemgr",
							null, List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-config-schema", "contrail-controller-config-schema", null,
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-config-svcmonitor", "contrail-controller-config-svcmonitor",
							null, List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-config-nodemgr", "contrail-nodemgr", "config",
							List.of("env", ZOOKEEPER_ENV)),
					new TfContainer("contrail-controller-config-provisioner", "contrail-provisioner", "config",
							List.of("env", "defaults-env", ZOOKEEPER_ENV)))),
			new TfDaemonSet("contrail-controller-webui", CONTROLLER, List.of(
					new TfContainer("contrail-controller-webui-job", "contrail-controller-webui-job", null,
							List.of("env")),
					new TfContainer("contrail-controller-webui-web", "contrail-controller-webui-web", null,
							List.of("env")))),
			new TfDaemonSet("redis", CONTROLLER,
					List.of(new TfContainer("redis", "contrail-external-redis", null, List.of("env")))),
			new TfDaemonSet("rabbitmq", CONTROLLER,
					List.of(new TfContainer("rabbitmq", "contrail-external-rabbitmq", "config-database",
							List.of("env", "rabbitmq-config")))),
			new TfDaemonSet(KUBE_MANAGER, CONFIG,
					List.of(new TfContainer(KUBE_MANAGER, "contrail-kubernetes-kube-manager", null,
							List.of("env", "kube-manager-config")))),
			new TfDaemonSet("contrail-agent", null, List.of(
					new TfContainer("contrail-vrouter-agent", "contrail-vrouter-agent", null, List.of("env")),
					new TfContainer("contrail-agent-nodemgr", "contrail-nodemgr", "vrouter", List.of("env")))));

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
		List<Container> built = containers.stream().map(TfContainer::container).toList();
		if (!name.equals(KUBE_MANAGER)) {
			return spec.withContainers(built).build();
		}
		Container kubeManager = new ContainerBuilder(built.get(0))
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

	/**
	 * A container of the manifest.
	 *
	 * @param image the image's name in the registry, without registry and tag
	 * @param nodeType the {@code NODE_TYPE} the manifest sets in the container's env, or null
	 * where the image carries its own
	 * @param envFrom the ConfigMaps of its {@code envFrom}, in order
	 */
	record TfContainer(String name, String image, @Nullable String nodeType, List<String> envFrom) {

		Container container() {
			List<EnvFromSource> sources = envFrom.stream()
				.map(map -> new EnvFromSourceBuilder().withNewConfigMapRef().withName(map).endConfigMapRef().build())
				.toList();
			ContainerBuilder container = new ContainerBuilder().withName(name)
				.withImage("tungstenfabric/" + image + ":latest")
				.withEnvFrom(sources);
			if (nodeType != null) {
				container.withEnv(new EnvVarBuilder().withName("NODE_TYPE").withValue(nodeType).build());
			}
			return container.build();
		}

	}

}
