package io.tfmesh.fabric.kubernetes;

import java.time.Instant;
import java.util.Collections;
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
 */
public record PodInfo(String namespace, String name, Map<String, String> labels, @Nullable String phase, boolean ready,
		int restarts, @Nullable String nodeName, @Nullable String ownerKind, @Nullable String ownerName,
		@Nullable Instant createdAt) {

	public PodInfo {
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
	}

}
