package io.tfmesh.fabric.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import org.jspecify.annotations.Nullable;

/** Turns fabric8's objects into tfmesh's records. */
final class KubernetesRecords {

	private static final String KUBERNETES_ROLE = "node-role.kubernetes.io/";

	private static final String CONTRAIL_ROLE = "node-role.opencontrail.org/";

	/** Contrail's backing services, which may run in pods that are not named after Contrail. */
	private static final Set<String> BACKING_APPS = Set.of("rabbitmq", "zookeeper", "redis");

	private KubernetesRecords() {
	}

	static ConfigMapData configMap(ConfigMap map) {
		return new ConfigMapData(map.getMetadata().getNamespace(), map.getMetadata().getName(),
				map.getMetadata().getResourceVersion(), orEmpty(map.getData()));
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
		Map<String, String> labels = orEmpty(pod.getMetadata().getLabels());
		String app = labels.getOrDefault("app", "");
		if (pod.getMetadata().getName().startsWith("contrail") || app.startsWith("contrail")) {
			return true;
		}
		return BACKING_APPS.contains(app) && labels.entrySet()
			.stream()
			.anyMatch(label -> mentionsContrail(label.getKey()) || mentionsContrail(label.getValue()));
	}

	private static boolean mentionsContrail(@Nullable String text) {
		return text != null && text.toLowerCase(Locale.ROOT).contains("contrail");
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
		return new PodInfo(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
				orEmpty(pod.getMetadata().getLabels()), status.getPhase(), ready, restarts,
				(pod.getSpec() != null) ? pod.getSpec().getNodeName() : null,
				(owner != null) ? owner.getKind() : null, (owner != null) ? owner.getName() : null,
				instant(pod.getMetadata().getCreationTimestamp()));
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
