package io.tfmesh.mesh;

import java.util.List;

import io.tfmesh.mesh.MeshAddressing.PoolUsage;
import io.tfmesh.mesh.MeshAddressing.Segment;

/**
 * A pool drawn as a bar: each block a stretch of it, coloured by the cluster that holds it.
 * The styles are computed here so that the template only places them.
 */
public record PoolDrawing(PoolUsage pool, List<Piece> pieces) {

	/** @param style position, width and colour of the stretch */
	public record Piece(Segment segment, String style, String cssClass, String title) {
	}

	static PoolDrawing of(PoolUsage pool) {
		return new PoolDrawing(pool, pool.segments().stream().map(PoolDrawing::piece).toList());
	}

	private static Piece piece(Segment segment) {
		// very small blocks stay visible and clickable
		double width = Math.max(segment.width(), 0.4);
		StringBuilder style = new StringBuilder("left:").append(format(segment.offset()))
			.append("%;width:")
			.append(format(width))
			.append('%');
		String cssClass = "seg";
		if (segment.free()) {
			cssClass += " free";
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
		if (segment.conflict()) {
			cssClass += " conflict";
		}
		String title = segment.cidr() + " — " + segment.owner() + (segment.kind() == null ? "" : " (" + segment.kind().id() + ")")
				+ (segment.conflict() ? " — overlaps what a cluster really uses" : "");
		return new Piece(segment, style.toString(), cssClass, title);
	}

	/** A stable colour per cluster, spread around the hue circle. */
	static String color(long clusterId) {
		long hue = (clusterId * 137L) % 360;
		return "hsl(" + hue + ",60%,55%)";
	}

	private static String format(double percent) {
		return String.format(java.util.Locale.ROOT, "%.4f", percent);
	}

}
