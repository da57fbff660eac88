package io.tfmesh.system.error;

/** The change was based on a version that someone else has replaced meanwhile (409). */
public class StaleVersionException extends ConflictException {

	private final long currentVersion;

	public StaleVersionException(String kind, Object id, long expected, long current) {
		super("version", "The " + kind + " " + id + " was changed by someone else (you sent version " + expected
				+ ", it is now at version " + current + "); reload it and apply your change again");
		this.currentVersion = current;
	}

	public long currentVersion() {
		return currentVersion;
	}

}
