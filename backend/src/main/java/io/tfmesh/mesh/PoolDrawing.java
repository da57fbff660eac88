package io.tfmesh.mesh;

import java.util.List;
import java.util.Locale;

import io.tfmesh.mesh.MeshAddressing.PoolUsage;
import io.tfmesh.mesh.MeshAddressing.Segment;

/**
 * A pool drawn as a bar: each stretch coloured by the cluster that holds it. The styles and
 * the words for screen readers are computed here so that the template only places them.
 */
public record PoolDrawing(PoolUsage pool, List<Piece> pieces) {

	/**
	 * @param style position, width and colour of the stretch
	 * @param label what lies there, for the tooltip, screen readers and the table beside the bar
	 * @param collision the clusters that collide with it, written on the stretch; empty when none
	 */
	public record Piece(Segment segment, String style, String cssClass, String label, String collision) {
	}

	static PoolDrawing of(PoolUsage pool) {
		return new PoolDrawing(pool, pool.segments().stream().map(PoolDrawing::piece).toList());
	}

	private static Piece piece(Segment segment) {
		StringBuilder style = new StringBuilder("left:").append(format(segment.offset()))
			.append("%;width:")
			.append(format(segment.width()))
			.append('%');
		String cssClass = "seg";
		if (segment.free()) {
			cssClass += " free";
		}
		else if (segment.mixed()) {
			cssClass += " mixed";
		}
		else if (segment.kind() == Kind.UNDERLAY) {
			cssClass += " underlay";
		}
		else if (segment.kind() == Kind.RESERVED) {
			cssClass += " reserved";
		}
		else {
			style.append(";background:").append(color(segment.clusterId() == null ? 0 : segment.clusterId()));
		}
		List<String> colliding = segment.collidingWith();
		String collision = colliding.isEmpty() ? ""
				: colliding.size() < ClaimIndex.NAMED ? "overlaps " + ConflictFinder.names(colliding)
						: "overlaps " + String.join(", ", colliding.subList(0, ClaimIndex.NAMED - 1)) + " and others";
		if (segment.conflict()) {
			cssClass += " conflict";
		}
		String blocks = segment.blocks() > 1 && !segment.mixed() ? " (" + segment.blocks() + " blocks)" : "";
		String label = segment.range() + ": " + segment.owner()
				+ (segment.kind() == null ? "" : ", " + segment.kind().id()) + blocks
				+ (collision.isEmpty() ? "" : "; " + collision + ", which really use addresses in it");
		return new Piece(segment, style.toString(), cssClass, label, collision);
	}

	/** A stable colour per cluster, spread around the hue circle. */
	static String color(long clusterId) {
		long hue = (clusterId * 137L) % 360;
		return "hsl(" + hue + ",60%,55%)";
	}

	private static String format(double percent) {
		return String.format(Locale.ROOT, "%.4f", percent);
	}

}
