package io.tfmesh.audit;

public enum AuditAction {

	CREATE, UPDATE, DELETE, LOGIN, LOGIN_FAILED;

	public String json() {
		return name().toLowerCase().replace('_', '-');
	}

}
