package io.tfmesh.health.diagnose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A known failure recognised in a cluster's readings and observed state.
 *
 * @param code what was recognised, such as {@code no-bgp-configuration-for-self}
 * @param severity {@code critical} (traffic is or will be lost), {@code warning} or {@code unknown}
 * (what would decide the cause was not read)
 * @param node the node it concerns, or null when it concerns the whole cluster
 * @param cause the cause in plain words
 * @param evidence the readings and observed values the cause rests on
 * @param fix what would heal it, or null when tfmesh cannot tell
 */
public record Finding(String code, String severity, @Nullable String node, String cause, List<Evidence> evidence,
		@Nullable Fix fix) {

	public static final String CRITICAL = "critical";

	public static final String WARNING = "warning";

	public static final String UNKNOWN = "unknown";

	public Finding {
		evidence = List.copyOf(evidence);
	}

	/**
	 * One value a finding rests on.
	 *
	 * @param what what was read, such as {@code control/control on k8s-master}
	 * @param value what it said
	 * @param source where it was read: an introspect URL, a container, or an observation source
	 * @param ageSeconds how long ago it was read
	 */
	public record Evidence(String what, String value, String source, long ageSeconds) {
	}

	/**
	 * A proposed fix.
	 *
	 * @param description in plain words
	 * @param kind what a change plan would do, such as {@code create-bgp-router} or
	 * {@code restart-pod}
	 * @param parameters what it would do it with; a value tfmesh did not read is left out
	 */
	public record Fix(String description, String kind, Map<String, String> parameters) {

		public Fix {
			parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		}

	}

}
