package io.tfmesh.fabric;

/**
 * A cluster's endpoints or credentials changed, or the cluster was deleted: the clients built
 * with what was stored before are closed, so none outlives the access it was made for.
 *
 * @param deleted whether the cluster is gone
 */
public record ClusterAccessChanged(long clusterId, boolean deleted) {

}
