package io.tfmesh.audit;

public enum AuditAction {

	CREATE, UPDATE, DELETE;

	public String json() {
		return name().toLowerCase();
	}

}
