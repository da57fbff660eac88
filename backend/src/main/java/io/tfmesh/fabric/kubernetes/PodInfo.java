package io.tfmesh.fabric.kubernetes;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A pod as its status reports it.
 *
 * @param phase {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or
 * {@code Unknown}
 * @param ready whether the pod's {@code Ready} condition is {@code True}
 * @param restarts summed over the pod's containers
 * @param ownerKind of the controlling owner, e.g. {@code DaemonSet}
 * @param containers each container with its own state: a pod can run while one of its
 * containers crash-loops
 * @param hostNetwork whether the pod uses its node's network (and so no address of the pod network)
 * @param podIp the pod's address, when it has one
 */
public record PodInfo(String namespace, String name, Map<String, String> labels, @Nullable String phase, boolean ready,
		int restarts, @Nullable String nodeName, @Nullable String ownerKind, @Nullable String ownerName,
		@Nullable Instant createdAt, List<ContainerInfo> containers, boolean hostNetwork, @Nullable String podIp) {

	public PodInfo {
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
		// snapshots stored before containers were read have none
		containers = (containers != null) ? List.copyOf(containers) : List.of();
	}

}
