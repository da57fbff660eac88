package io.tfmesh.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user may do. Each role includes the rights of the ones before it: a viewer reads
 * everything but secrets; an operator edits inventory and intents and creates and applies
 * plans; an admin also approves plans and manages users.
 */
public enum Role {

	VIEWER, OPERATOR, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

	@JsonValue
	public String json() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static Role fromJson(String value) {
		for (Role role : values()) {
			if (role.json().equalsIgnoreCase(value)) {
				return role;
			}
		}
		throw new IllegalArgumentException("unknown role " + value + "; expected viewer, operator or admin");
	}

	/** The authorities of this role and of every role it includes. */
	public java.util.List<String> authorities() {
		return java.util.Arrays.stream(values()).filter(this::includes).map(Role::authority).toList();
	}

	public boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

}
