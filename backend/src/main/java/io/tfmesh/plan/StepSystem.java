package io.tfmesh.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The API of a cluster that a step writes to. */
public enum StepSystem {

	KUBERNETES("kubernetes"), TUNGSTEN_FABRIC("tungsten-fabric");

	private final String id;

	StepSystem(String id) {
		this.id = id;
	}

	@JsonValue
	public String id() {
		return id;
	}

	@JsonCreator
	public static StepSystem of(String id) {
		for (StepSystem system : values()) {
			if (system.id.equals(id)) {
				return system;
			}
		}
		throw new IllegalArgumentException("unknown system '" + id + "'; allowed values are kubernetes and tungsten-fabric");
	}

}
