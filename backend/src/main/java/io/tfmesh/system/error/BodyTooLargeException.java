package io.tfmesh.system.error;

import java.io.IOException;

/** A request body grew past the configured limit (tfmesh.web.max-body-size) while it was read (413). */
public class BodyTooLargeException extends IOException {

	public BodyTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes, the most tfmesh reads (tfmesh.web.max-body-size)");
	}

}
