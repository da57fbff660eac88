package io.tfmesh.emulator.tf;

/** A refusal the emulated config API answers with its status and the reason as the body. */
final class ApiError extends RuntimeException {

	private final int status;

	ApiError(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	int status() {
		return status;
	}

}
