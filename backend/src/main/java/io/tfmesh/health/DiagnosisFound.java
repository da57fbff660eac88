package io.tfmesh.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A known failure was recognised in a cluster's readings for the first time since it was last
 * absent.
 *
 * @param code what was recognised, such as {@code no-bgp-configuration-for-self}
 * @param node the node it concerns, or null when it concerns the whole cluster
 * @param cause the cause in plain words
 */
public record DiagnosisFound(long clusterId, String clusterName, String code, @Nullable String node, String cause,
		Instant at) {
}
