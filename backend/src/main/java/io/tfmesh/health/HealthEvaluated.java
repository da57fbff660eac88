package io.tfmesh.health;

/**
 * A cluster's readings were stored, or found to have aged without new ones: what they say may
 * have changed. Published after each poll and each observation, after {@link ClusterHealthChanged}.
 */
public record HealthEvaluated(long clusterId, String clusterName) {
}
