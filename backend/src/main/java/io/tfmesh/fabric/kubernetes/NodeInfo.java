package io.tfmesh.fabric.kubernetes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes node as its kubelet reports it.
 *
 * @param roles from the node's role labels: {@code node-role.kubernetes.io/master} gives
 * {@code master}, {@code node-role.opencontrail.org/controller} gives
 * {@code opencontrail.org/controller}
 * @param memoryCapacity a Kubernetes quantity as reported, e.g. {@code 16265368Ki}
 * @param ready whether the node's {@code Ready} condition is {@code True}
 */
public record NodeInfo(String name, List<NodeAddress> addresses, List<String> roles, @Nullable String kernelVersion,
		@Nullable String kubeletVersion, @Nullable String containerRuntimeVersion, @Nullable String osImage,
		@Nullable String memoryCapacity, @Nullable String ephemeralStorageCapacity, boolean ready,
		Map<String, String> labels) {

	public NodeInfo {
		addresses = List.copyOf(addresses);
		roles = List.copyOf(roles);
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
	}

}
