package io.tfmesh.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where one step of a plan is while the plan is applied. */
public enum StepState {

	PENDING, RUNNING, DONE, FAILED, SKIPPED, CANCELLED;

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static StepState of(String id) {
		return valueOf(id.toUpperCase());
	}

	public boolean finished() {
		return this != PENDING && this != RUNNING;
	}

}
