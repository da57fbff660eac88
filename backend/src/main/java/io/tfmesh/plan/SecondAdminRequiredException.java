package io.tfmesh.plan;

/** The author of a plan tried to approve or reject it (403): another admin must. */
class SecondAdminRequiredException extends RuntimeException {

	SecondAdminRequiredException(long planId, String author) {
		super("Plan " + planId + " was made by " + author + "; a second admin, not its author, must approve or reject it");
	}

}
