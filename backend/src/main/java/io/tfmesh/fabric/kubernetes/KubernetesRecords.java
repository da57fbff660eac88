package io.tfmesh.fabric.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import org.jspecify.annotations.Nullable;

/** Turns fabric8's objects into tfmesh's records. */
final class KubernetesRecords {

	private static final String KUBERNETES_ROLE = "node-role.kubernetes.io/";

	private static final String CONTRAIL_ROLE = "node-role.opencontrail.org/";

	/**
	 * Contrail's backing services, which run in DaemonSets of their own whose pods are not named
	 * after Contrail (the single-yaml install's {@code config-zookeeper}, {@code rabbitmq} and
	 * {@code redis}).
	 */
	private static final Set<String> BACKING_APPS = Set.of("config-zookeeper", "zookeeper", "rabbitmq", "redis");

	private KubernetesRecords() {
	}

	static ConfigMapData configMap(ConfigMap map) {
		return new ConfigMapData(map.getMetadata().getNamespace(), map.getMetadata().getName(),
				map.getMetadata().getResourceVersion(), orEmpty(map.getData()));
	}

	static NamespaceInfo namespace(Namespace namespace) {
		Map<String, String> annotations = new TreeMap<>();
		orEmpty(namespace.getMetadata().getAnnotations()).forEach((key, value) -> {
			if (key.startsWith("opencontrail.org/")) {
				annotations.put(key, value);
			}
		});
		return new NamespaceInfo(namespace.getMetadata().getName(), annotations);
	}

	static NodeInfo node(Node node) {
		Map<String, String> labels = orEmpty(node.getMetadata().getLabels());
		NodeStatus status = (node.getStatus() != null) ? node.getStatus() : new NodeStatus();
		NodeSystemInfo info = (status.getNodeInfo() != null) ? status.getNodeInfo() : new NodeSystemInfo();
		List<NodeAddress> addresses = orEmpty(status.getAddresses()).stream()
			.map(address -> new NodeAddress(address.getType(), address.getAddress()))
			.toList();
		boolean ready = orEmpty(status.getConditions()).stream()
			.filter(condition -> "Ready".equals(condition.getType()))
			.map(NodeCondition::getStatus)
			.anyMatch("True"::equals);
		Map<String, Quantity> capacity = orEmpty(status.getCapacity());
		return new NodeInfo(node.getMetadata().getName(), addresses, roles(labels), info.getKernelVersion(),
				info.getKubeletVersion(), info.getContainerRuntimeVersion(), info.getOsImage(),
				quantity(capacity.get("memory")), quantity(capacity.get("ephemeral-storage")), ready, labels);
	}

	static List<String> roles(Map<String, String> labels) {
		List<String> roles = new ArrayList<>();
		labels.keySet().stream().sorted().forEach(key -> {
			if (key.startsWith(KUBERNETES_ROLE) && key.length() > KUBERNETES_ROLE.length()) {
				roles.add(key.substring(KUBERNETES_ROLE.length()));
			}
			else if (key.startsWith(CONTRAIL_ROLE) && key.length() > CONTRAIL_ROLE.length()) {
				roles.add(key.substring("node-role.".length()));
			}
		});
		return roles;
	}

	static boolean isTungstenFabric(Pod pod) {
		OwnerReference owner = owner(orEmpty(pod.getMetadata().getOwnerReferences()));
		return isTungstenFabric(pod.getMetadata().getName(), orEmpty(pod.getMetadata().getLabels()),
				owner != null && "DaemonSet".equals(owner.getKind()));
	}

	static boolean isTungstenFabric(DaemonSet daemonSet) {
		return isTungstenFabric(daemonSet.getMetadata().getName(), orEmpty(daemonSet.getMetadata().getLabels()), true);
	}

	private static boolean isTungstenFabric(String name, Map<String, String> labels, boolean daemonSet) {
		String app = labels.getOrDefault("app", "");
		if (name.startsWith("contrail") || app.startsWith("contrail")) {
			return true;
		}
		return BACKING_APPS.contains(app) && (daemonSet || labels.entrySet()
			.stream()
			.anyMatch(label -> mentionsContrail(label.getKey()) || mentionsContrail(label.getValue())));
	}

	private static boolean mentionsContrail(@Nullable String text) {
		return text != null && text.toLowerCase(Locale.ROOT).contains("contrail");
	}

	static DaemonSetInfo daemonSet(DaemonSet daemonSet) {
		PodSpec spec = Optional.ofNullable(daemonSet.getSpec())
			.map(DaemonSetSpec::getTemplate)
			.map(PodTemplateSpec::getSpec)
			.orElseGet(PodSpec::new);
		List<ContainerSpec> containers = orEmpty(spec.getContainers()).stream()
			.map(KubernetesRecords::containerSpec)
			.toList();
		return new DaemonSetInfo(daemonSet.getMetadata().getNamespace(), daemonSet.getMetadata().getName(),
				orEmpty(daemonSet.getMetadata().getLabels()), containers);
	}

	private static ContainerSpec containerSpec(Container container) {
		List<EnvSource> envFrom = new ArrayList<>();
		for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
			String prefix = (source.getPrefix() != null) ? source.getPrefix() : "";
			if (source.getConfigMapRef() != null) {
				envFrom.add(new EnvSource("ConfigMap", source.getConfigMapRef().getName(), prefix,
						Boolean.TRUE.equals(source.getConfigMapRef().getOptional())));
			}
			else if (source.getSecretRef() != null) {
				envFrom.add(new EnvSource("Secret", source.getSecretRef().getName(), prefix,
						Boolean.TRUE.equals(source.getSecretRef().getOptional())));
			}
		}
		List<EnvSetting> env = orEmpty(container.getEnv()).stream().map(KubernetesRecords::envSetting).toList();
		return new ContainerSpec(container.getName(), container.getImage(), envFrom, env);
	}

	private static EnvSetting envSetting(EnvVar variable) {
		EnvVarSource from = variable.getValueFrom();
		if (from == null) {
			// an env entry without value and valueFrom sets the variable to the empty string
			return new EnvSetting(variable.getName(), (variable.getValue() != null) ? variable.getValue() : "", null,
					null, null);
		}
		if (from.getConfigMapKeyRef() != null) {
			return new EnvSetting(variable.getName(), null, from.getConfigMapKeyRef().getName(),
					from.getConfigMapKeyRef().getKey(), null);
		}
		String other = (from.getSecretKeyRef() != null) ? "secretKeyRef"
				: (from.getFieldRef() != null) ? "fieldRef" : (from.getResourceFieldRef() != null) ? "resourceFieldRef"
						: "valueFrom";
		return new EnvSetting(variable.getName(), null, null, null, other);
	}

	static PodInfo pod(Pod pod) {
		PodStatus status = (pod.getStatus() != null) ? pod.getStatus() : new PodStatus();
		boolean ready = orEmpty(status.getConditions()).stream()
			.filter(condition -> "Ready".equals(condition.getType()))
			.map(PodCondition::getStatus)
			.anyMatch("True"::equals);
		int restarts = orEmpty(status.getContainerStatuses()).stream()
			.map(ContainerStatus::getRestartCount)
			.filter(Objects::nonNull)
			.mapToInt(Integer::intValue)
			.sum();
		OwnerReference owner = owner(orEmpty(pod.getMetadata().getOwnerReferences()));
		PodSpec spec = (pod.getSpec() != null) ? pod.getSpec() : new PodSpec();
		return new PodInfo(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
				orEmpty(pod.getMetadata().getLabels()), status.getPhase(), ready, restarts, spec.getNodeName(),
				(owner != null) ? owner.getKind() : null, (owner != null) ? owner.getName() : null,
				instant(pod.getMetadata().getCreationTimestamp()), containers(spec, status),
				Boolean.TRUE.equals(spec.getHostNetwork()), status.getPodIP());
	}

	/** The spec's containers in its order, each with its status (none yet for a pod not started). */
	private static List<ContainerInfo> containers(PodSpec spec, PodStatus status) {
		List<ContainerInfo> containers = new ArrayList<>();
		for (Container container : orEmpty(spec.getContainers())) {
			ContainerStatus state = orEmpty(status.getContainerStatuses()).stream()
				.filter(candidate -> container.getName().equals(candidate.getName()))
				.findFirst()
				.orElse(null);
			String nodeType = orEmpty(container.getEnv()).stream()
				.filter(variable -> "NODE_TYPE".equals(variable.getName()) && variable.getValueFrom() == null)
				.map(EnvVar::getValue)
				.findFirst()
				.orElse(null);
			containers.add(container(container, nodeType, state));
		}
		return containers;
	}

	private static ContainerInfo container(Container container, @Nullable String nodeType,
			@Nullable ContainerStatus status) {
		if (status == null || status.getState() == null) {
			return new ContainerInfo(container.getName(), container.getImage(), nodeType, ContainerInfo.State.UNKNOWN,
					null, false, 0);
		}
		ContainerState state = status.getState();
		ContainerInfo.State kind;
		String reason = null;
		if (state.getRunning() != null) {
			kind = ContainerInfo.State.RUNNING;
		}
		else if (state.getWaiting() != null) {
			kind = ContainerInfo.State.WAITING;
			reason = state.getWaiting().getReason();
		}
		else if (state.getTerminated() != null) {
			kind = ContainerInfo.State.TERMINATED;
			reason = state.getTerminated().getReason();
		}
		else {
			kind = ContainerInfo.State.UNKNOWN;
		}
		int restarts = (status.getRestartCount() != null) ? status.getRestartCount() : 0;
		return new ContainerInfo(container.getName(), container.getImage(), nodeType, kind, reason,
				Boolean.TRUE.equals(status.getReady()), restarts);
	}

	/** Whether the pod holds an address of the pod network: not on its node's network, and not finished. */
	static boolean usesPodNetwork(Pod pod) {
		boolean hostNetwork = pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
		String phase = (pod.getStatus() != null) ? pod.getStatus().getPhase() : null;
		return !hostNetwork && !"Succeeded".equals(phase) && !"Failed".equals(phase);
	}

	/**
	 * A Service with its cluster addresses: {@code clusterIPs} (both families of a dual-stack
	 * Service), else {@code clusterIP}; none for a headless or {@code ExternalName} Service.
	 */
	static ServiceInfo service(Service service) {
		ServiceSpec spec = (service.getSpec() != null) ? service.getSpec() : new ServiceSpec();
		List<String> clusterIps = List.of();
		if (hasClusterIp(service)) {
			List<String> all = orEmpty(spec.getClusterIPs());
			clusterIps = all.isEmpty() ? List.of(spec.getClusterIP()) : List.copyOf(all);
		}
		List<ServicePort> ports = orEmpty(spec.getPorts()).stream()
			.map(port -> new ServicePort(Objects.toString(port.getName(), ""),
					Objects.toString(port.getProtocol(), "TCP"), (port.getPort() != null) ? port.getPort() : 0,
					targetPort(port)))
			.toList();
		return new ServiceInfo(service.getMetadata().getNamespace(), service.getMetadata().getName(),
				Objects.toString(spec.getType(), "ClusterIP"), clusterIps, ports);
	}

	/** A named target port (a container port's name) is resolved per pod; it is kept as the service port. */
	private static int targetPort(io.fabric8.kubernetes.api.model.ServicePort port) {
		int servicePort = (port.getPort() != null) ? port.getPort() : 0;
		if (port.getTargetPort() == null || port.getTargetPort().getIntVal() == null) {
			return servicePort;
		}
		return port.getTargetPort().getIntVal();
	}

	/** Whether the service holds a cluster IP: not headless ({@code None}) and not an {@code ExternalName}. */
	static boolean hasClusterIp(Service service) {
		ServiceSpec spec = service.getSpec();
		if (spec == null || "ExternalName".equals(spec.getType())) {
			return false;
		}
		String clusterIp = spec.getClusterIP();
		return clusterIp != null && !clusterIp.isBlank() && !"None".equals(clusterIp);
	}

	private static @Nullable OwnerReference owner(List<OwnerReference> owners) {
		return owners.stream()
			.filter(owner -> Boolean.TRUE.equals(owner.getController()))
			.findFirst()
			.orElse(owners.isEmpty() ? null : owners.get(0));
	}

	private static @Nullable String quantity(@Nullable Quantity quantity) {
		if (quantity == null || quantity.getAmount() == null) {
			return null;
		}
		return quantity.getAmount() + ((quantity.getFormat() != null) ? quantity.getFormat() : "");
	}

	private static @Nullable Instant instant(@Nullable String timestamp) {
		if (timestamp == null) {
			return null;
		}
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			// a timestamp we cannot read is reported as unknown rather than failing the whole list
			return null;
		}
	}

	private static <K, V> Map<K, V> orEmpty(@Nullable Map<K, V> map) {
		return (map != null) ? map : Map.of();
	}

	private static <T> List<T> orEmpty(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

}
