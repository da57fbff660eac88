package io.tfmesh.system.error;

/** An update named no version to check against, so it could overwrite someone else's change (428). */
public class PreconditionRequiredException extends RuntimeException {

	public PreconditionRequiredException() {
		super("Send the version you read, in the body's 'version' field or an If-Match header, "
				+ "so that tfmesh can refuse the change if someone else changed the object first");
	}

}
