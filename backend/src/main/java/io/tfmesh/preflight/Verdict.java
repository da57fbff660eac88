package io.tfmesh.preflight;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a check concluded. */
public enum Verdict {

	PASS,
	FAIL,
	/** tfmesh did not read what the check needs; never taken as a pass. */
	UNKNOWN;

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	/** The worse of two verdicts: a failure outweighs an unknown, which outweighs a pass. */
	Verdict and(Verdict other) {
		if (this == FAIL || other == FAIL) {
			return FAIL;
		}
		return (this == UNKNOWN || other == UNKNOWN) ? UNKNOWN : PASS;
	}

}
