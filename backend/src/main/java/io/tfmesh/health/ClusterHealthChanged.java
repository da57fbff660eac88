package io.tfmesh.health;

import java.time.Instant;

/**
 * A cluster turned unhealthy, or healthy again. Published once per transition, after the
 * readings that caused it are stored.
 *
 * @param healthy whether every service of every node now reads active
 * @param verdict the one line that says why, such as
 * {@code control: initializing (No BGP configuration for self)}
 */
public record ClusterHealthChanged(long clusterId, String clusterName, boolean healthy, String verdict,
		Instant at) {
}
