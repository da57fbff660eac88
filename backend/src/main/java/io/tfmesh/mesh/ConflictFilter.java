package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Which conflicts of a mesh to list. Null matches anything. */
public record ConflictFilter(@Nullable String cluster, @Nullable String type, @Nullable String severity) {

	public static final List<String> SEVERITIES = List.of("error", "warning", "info");

	public static final List<String> TYPES = List.of("overlap", "underlay-overlap", "reservation-overlap", "drift",
			"duplicate-asn", "duplicate-cluster-name", "not-observed", "incomplete");

	public ConflictFilter {
		cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
		type = type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT);
		severity = severity == null || severity.isBlank() ? null : severity.strip().toLowerCase(Locale.ROOT);
		List<FieldProblem> problems = new ArrayList<>();
		if (type != null && !TYPES.contains(type)) {
			problems.add(new FieldProblem("type",
					"must be one of " + String.join(", ", TYPES)));
		}
		if (severity != null && !SEVERITIES.contains(severity)) {
			problems.add(new FieldProblem("severity",
					"must be one of " + String.join(", ", SEVERITIES)));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}

	boolean matches(Conflict conflict) {
		return (cluster == null || conflict.clusters().contains(cluster))
				&& (type == null || type.equals(conflict.type()))
				&& (severity == null || severity.equals(conflict.severity()));
	}

}
