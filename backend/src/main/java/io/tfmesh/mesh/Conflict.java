package io.tfmesh.mesh;

import java.util.List;

/**
 * Something in a mesh's observed state that breaks the mesh's rules.
 *
 * @param severity {@code error} (routes will collide), {@code warning} (a cluster's own sources
 * disagree, or a name is reused) or {@code info} (tfmesh cannot tell)
 * @param type {@code overlap}, {@code underlay-overlap}, {@code reservation-overlap}, {@code drift},
 * {@code duplicate-asn}, {@code duplicate-cluster-name}, {@code not-observed} or {@code incomplete}
 * @param clusters the clusters involved
 * @param cidrs the CIDRs involved, if any
 * @param sources where each fact comes from (which cluster, which source)
 * @param explanation one line for people
 */
public record Conflict(String severity, String type, List<String> clusters, List<String> cidrs, List<String> sources,
		String explanation) {
}
