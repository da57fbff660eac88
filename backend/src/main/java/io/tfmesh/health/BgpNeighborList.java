package io.tfmesh.health;

import java.time.Instant;
import java.util.List;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import org.jspecify.annotations.Nullable;

/**
 * The neighbors of one control node as they were read from its introspect.
 *
 * @param node the node the control node runs on
 * @param source the introspect URL that was asked
 * @param failure why the list could not be read, null when it was; neighbors is then empty
 */
public record BgpNeighborList(String node, String source, Instant readAt, @Nullable String failure,
		List<BgpNeighbor> neighbors) {

	public BgpNeighborList {
		neighbors = List.copyOf(neighbors);
	}

}
