package io.tfmesh.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a step does to its object. */
public enum StepAction {

	CREATE, UPDATE, DELETE, RESTART;

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static StepAction of(String id) {
		for (StepAction action : values()) {
			if (action.id().equals(id)) {
				return action;
			}
		}
		throw new IllegalArgumentException("unknown action '" + id + "'; allowed values are create, update, delete and restart");
	}

}
