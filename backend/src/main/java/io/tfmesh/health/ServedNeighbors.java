package io.tfmesh.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import org.jspecify.annotations.Nullable;

/**
 * A control node's neighbors as they are served now: a list that could not be read, or that
 * is too old to trust, is unknown and lists no neighbor, so no peer is ever shown Established
 * on the strength of an old or missing answer.
 *
 * @param known whether the list was read and is fresh
 * @param unknownBecause why it is unknown, null when it is known
 */
public record ServedNeighbors(String node, String source, Instant readAt, long ageSeconds, boolean known,
		@Nullable String unknownBecause, List<BgpNeighbor> neighbors) {

	public ServedNeighbors {
		neighbors = List.copyOf(neighbors);
	}

	static ServedNeighbors of(BgpNeighborList list, Instant now, Duration staleAfter) {
		long age = Math.max(0, Duration.between(list.readAt(), now).toSeconds());
		if (list.failure() != null) {
			return new ServedNeighbors(list.node(), list.source(), list.readAt(), age, false,
					"not read: " + list.failure(), List.of());
		}
		if (Duration.between(list.readAt(), now).compareTo(staleAfter) >= 0) {
			return new ServedNeighbors(list.node(), list.source(), list.readAt(), age, false,
					"not read for " + age + " s", List.of());
		}
		return new ServedNeighbors(list.node(), list.source(), list.readAt(), age, true, null, list.neighbors());
	}

}
