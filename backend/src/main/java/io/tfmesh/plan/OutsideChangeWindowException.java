package io.tfmesh.plan;

/** The time chosen at approval lies outside the mesh's change window or after the plan expires (422). */
class OutsideChangeWindowException extends RuntimeException {

	OutsideChangeWindowException(String message) {
		super(message);
	}

}
