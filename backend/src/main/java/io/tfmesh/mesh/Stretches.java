package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.tfmesh.mesh.MeshAddressing.Segment;
import io.tfmesh.system.web.Words;

/**
 * Joins the blocks of a pool into stretches a drawing can show: adjacent blocks of one holder
 * (or adjacent free blocks) become one stretch; when more stretches than a drawing shows apart
 * remain, the ones that start in the same slice of the pool become one run of several holders,
 * which still names what lies in it.
 */
final class Stretches {

	private Stretches() {
	}

	/** @param segments the blocks and free blocks of one pool, in address order */
	static List<Segment> of(List<Segment> segments, int most) {
		List<Segment> runs = new ArrayList<>();
		for (Segment segment : segments) {
			Segment last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (last != null && sameHolder(last, segment) && adjacent(last, segment)) {
				runs.set(runs.size() - 1, join(last, segment, last.kind(), last.owner(), last.clusterId()));
			}
			else {
				runs.add(segment);
			}
		}
		if (runs.size() <= most) {
			return runs;
		}
		List<Segment> slices = new ArrayList<>();
		List<Segment> slice = new ArrayList<>();
		int current = -1;
		for (Segment run : runs) {
			int index = (int) Math.min(most - 1, Math.floor(run.offset() * most / 100));
			if (index != current && !slice.isEmpty()) {
				slices.add(mixed(slice));
				slice.clear();
			}
			current = index;
			slice.add(run);
		}
		if (!slice.isEmpty()) {
			slices.add(mixed(slice));
		}
		return slices;
	}

	private static boolean sameHolder(Segment a, Segment b) {
		return a.kind() == b.kind() && a.owner().equals(b.owner()) && Objects.equals(a.clusterId(), b.clusterId())
				&& a.collidingWith().equals(b.collidingWith());
	}

	private static boolean adjacent(Segment a, Segment b) {
		return Math.abs(a.offset() + a.width() - b.offset()) < 1e-9;
	}

	private static Segment join(Segment a, Segment b, Kind kind, String owner, Long clusterId) {
		Set<String> colliding = new LinkedHashSet<>(a.collidingWith());
		colliding.addAll(b.collidingWith());
		return new Segment(a.cidr(), b.last(), kind, owner, clusterId, a.offset(), b.offset() + b.width() - a.offset(),
				a.conflict() || b.conflict(), few(colliding), a.blocks() + b.blocks());
	}

	/** The runs of one slice as one stretch, unless the slice holds a single run. */
	private static Segment mixed(List<Segment> slice) {
		if (slice.size() == 1) {
			return slice.get(0);
		}
		Set<String> holders = new LinkedHashSet<>();
		Set<String> colliding = new LinkedHashSet<>();
		int blocks = 0;
		int holderCount = 0;
		int free = 0;
		boolean conflict = false;
		for (Segment run : slice) {
			if (run.free()) {
				free += run.blocks();
			}
			else {
				if (holders.size() <= ClaimIndex.NAMED) {
					holders.add(run.owner());
				}
				holderCount++;
				blocks += run.blocks();
			}
			if (colliding.size() < ClaimIndex.NAMED) {
				colliding.addAll(run.collidingWith());
			}
			conflict |= run.conflict();
		}
		Segment first = slice.get(0);
		Segment last = slice.get(slice.size() - 1);
		String owner = Words.count(blocks, "block") + " of " + (holderCount <= 5 ? ConflictFinder.names(holders)
				: String.join(", ", holders.stream().limit(5).toList()) + " and others")
				+ (free > 0 ? ", " + Words.count(free, "free block") : "");
		return new Segment(first.cidr(), last.last(), null, owner, null, first.offset(),
				last.offset() + last.width() - first.offset(), conflict, few(colliding), blocks + free);
	}

	private static List<String> few(Set<String> names) {
		return names.stream().limit(ClaimIndex.NAMED).toList();
	}

}
