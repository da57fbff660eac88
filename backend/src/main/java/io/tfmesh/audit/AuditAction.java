package io.tfmesh.audit;

public enum AuditAction {

	CREATE, UPDATE, DELETE, LOGIN, LOGIN_FAILED,
	/** Plan transitions. */
	SUBMIT, APPROVE, REJECT, APPLY, CANCEL, EXPIRE, STALE, APPLIED, FAILED, REVERSE;

	public String json() {
		return name().toLowerCase().replace('_', '-');
	}

}
