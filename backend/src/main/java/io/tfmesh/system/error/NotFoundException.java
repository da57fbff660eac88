package io.tfmesh.system.error;

/** No object of that kind has that id (404). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String kind, Object id) {
		super("No " + kind + " with id " + id);
	}

}
