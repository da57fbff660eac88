package io.tfmesh.preflight;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One editable rule of the preflight checks.
 *
 * @param field which of {@code allowed} and {@code minimumGib} the rule holds
 * @param allowed the allowed versions, null for a rule of a least size
 * @param minimumGib the least size in GiB, null for a rule of allowed versions
 */
public record PreflightRule(String key, String title, String description, String field,
		@Nullable List<String> allowed, @Nullable Integer minimumGib, Instant updatedAt, String updatedBy,
		long version) {

	public PreflightRule {
		allowed = (allowed != null) ? List.copyOf(allowed) : null;
	}

	/** The rule's value as a sentence, for evidence. */
	String wanted() {
		if (allowed != null) {
			return "one of " + String.join(", ", allowed);
		}
		return "at least " + minimumGib + " GiB";
	}

}
